import { defineMigration } from '@cppcc/kit';

export const pluginSettingsReview = defineMigration(
  'Migration20261207000002_platform_plugin_settings_review',
  (knex) =>
    knex.schema.createTable('plugin_settings_review', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('plugin').notNullable();
      t.string('status').notNullable();
      t.string('plugin_version', 40).notNullable();
      t.string('reviewed_version', 40).nullable();
      t.datetime('reviewed_at').nullable();
      t.string('reviewed_by').nullable();
      t.datetime('changed_at').notNullable();
      t.unique(['district', 'plugin']);
    }),
);
