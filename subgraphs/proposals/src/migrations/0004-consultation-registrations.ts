import { defineMigration } from '@cppcc/kit';

/**
 * The replica of consultation's activities and research projects is now fed by their
 * registration events, which carry a status and a version (the highest wins).
 */
export const consultationRegistrations = defineMigration(
  'Migration20261215090000_proposals_consultation_registrations',
  (knex) =>
    knex.schema.alterTable('consultation_ref', (t) => {
      t.string('status').nullable();
      t.integer('version').notNullable().defaultTo(0);
    }),
);
