import { defineMigration } from '@cppcc/kit';

/** Duty events of joint work say how many members share it, so a rule can split a joint proposal's points. */
export const dutyEventAuthors = defineMigration('Migration20261129090000_members_duty_event_authors', (knex) =>
  knex.schema.alterTable('duty_event', (t) => {
    t.integer('authors').nullable();
  }),
);
