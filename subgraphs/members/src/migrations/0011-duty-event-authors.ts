import { defineMigration } from '@cppcc/kit';

/** Duty events of joint work say how many members share it, so a rule can split a joint proposal's points. */
export const dutyEventAuthors = defineMigration(
  'Migration20261129090000_members_duty_event_authors',
  (knex) => [
    knex.schema.alterTable('duty_event', (t) => {
      t.integer('authors').nullable();
    }),
    // Entries recorded before: each author of a joint work has a row for it, so the rows count them
    // (a submission named only its lead: one row, not joint). Without this, a co-author's old
    // entry would score as if theirs alone under a rule that splits joint work.
    knex.schema.raw(
      'update duty_event set authors = (select count(*) from duty_event d where d.kind = duty_event.kind and d.source_module = duty_event.source_module and d.source_id = duty_event.source_id and d.role is not null) where role is not null and authors is null',
    ),
  ],
);
