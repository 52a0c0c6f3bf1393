import { defineMigration } from '@cppcc/kit';

/**
 * Consultation owns leaders' instructions now (one concept for every subject). The rows of the
 * old instruction table stay until consultation has taken them over (the module's announce hands
 * each over once); what the statistics count moves to instruction_ref, which starts as a copy of
 * them and then follows instruction.received.
 */
export const instructionHandOver = defineMigration(
  'Migration20261230100000_proposals_instruction_hand_over',
  (knex) => [
    knex.schema.createTable('instruction_ref', (t) => {
      t.increments('id').primary();
      t.integer('instruction_id').nullable().unique();
      t.integer('legacy_id').nullable().unique();
      t.string('district', 12).notNullable();
      t.string('subject_type').notNullable();
      t.integer('subject_id').notNullable().index();
      t.string('level').notNullable();
      t.string('instructed_on', 10).notNullable();
    }),
    knex.schema.raw(
      'insert into instruction_ref (legacy_id, district, subject_type, subject_id, level, instructed_on) select id, district, subject_type, subject_id, level, instructed_on from instruction order by id',
    ),
  ],
);
