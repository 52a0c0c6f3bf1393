import { defineMigration } from '@cppcc/kit';

/** The day staff last urged a unit past its task's due day (催办). */
export const taskUrged = defineMigration('Migration20261206100000_proposals_task_urged', (knex) =>
  knex.schema.alterTable('handling_task', (t) => {
    t.string('urged_on', 10).nullable();
  }),
);
