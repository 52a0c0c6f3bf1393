import { defineMigration } from '@cppcc/plugin-sdk';

/** The replica of core records a round may be linked to, so a link to an unknown one is refused. */
export const linkTargets = defineMigration(
  'Migration20261215090000_eco_compensation_link_targets',
  (knex) =>
    knex.schema.createTable('eco_link_target', (t) => {
      t.string('kind').notNullable();
      t.string('target_id').notNullable();
      t.string('district', 12).notNullable();
      t.string('title').nullable();
      t.string('status').nullable();
      t.integer('version').notNullable().defaultTo(0);
      t.primary(['kind', 'target_id']);
    }),
);
