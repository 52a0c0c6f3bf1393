import { defineMigration } from '@cppcc/kit';

/**
 * Each handling task has its own version, checked by the task's steps (they checked the
 * proposal's before, so two units could not step their own tasks of one proposal at once).
 */
export const taskVersions = defineMigration(
  'Migration20261221100000_proposals_task_versions',
  (knex) =>
    knex.schema.alterTable('handling_task', (t) => {
      t.integer('version').notNullable().defaultTo(1);
    }),
);
