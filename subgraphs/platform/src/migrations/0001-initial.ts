import { defineMigration } from '@cppcc/kit';

export const initial = defineMigration('Migration20261128000001_platform_initial', (knex) =>
  knex.schema.createTable('district_plugin', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.string('plugin').notNullable();
    t.string('status').notNullable();
    t.json('settings').notNullable();
    t.integer('version').notNullable();
    t.datetime('changed_at').notNullable();
    t.string('changed_by').nullable();
    t.boolean('public').notNullable().defaultTo(true);
    t.unique(['district', 'plugin']);
  }),
);
