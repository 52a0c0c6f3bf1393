import { defineMigration } from '@cppcc/kit';
import type { Knex } from '@mikro-orm/knex';

const COLUMNS = [
  'id',
  'district',
  'subject_type',
  'subject_id',
  'leader',
  'leader_post',
  'rank',
  'level',
  'instructed_on',
  'text',
  'public',
].join(', ');

/** The instruction table as it stands after this migration, under a name of choice. */
function instructionTable(knex: Knex, name: string): Knex.SchemaBuilder {
  return knex.schema.createTable(name, (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable();
    t.string('subject_type').notNullable();
    t.integer('subject_id').notNullable();
    t.string('leader').notNullable();
    t.string('leader_post').nullable();
    t.string('rank').nullable();
    t.string('level').notNullable();
    t.string('instructed_on', 10).notNullable();
    t.text('text').notNullable();
    t.boolean('public').notNullable().defaultTo(false);
    t.integer('handed_over_from').nullable();
  });
}

/**
 * One concept of a leader's instruction (批示): this module owns the instructions on proposals
 * and opinion items too. Their rank is unknown (proposals never asked), so rank may be empty; a
 * row proposals hands over keeps its old id in handed_over_from, so it is taken once; and the
 * replica of proposals' subjects. SQLite cannot make a column nullable: there the table is
 * rebuilt, ids kept (ledger entries point at them).
 */
export const oneInstruction = defineMigration(
  'Migration20261230100000_consultation_one_instruction',
  (knex) => {
    const postgres = knex.client.dialect === 'postgresql';
    const instruction = postgres
      ? [
          knex.schema.alterTable('instruction', (t) => {
            t.string('rank').nullable().alter();
            t.integer('handed_over_from').nullable();
          }),
        ]
      : [
          instructionTable(knex, 'instruction_next'),
          knex.schema.raw(
            `insert into instruction_next (${COLUMNS}) select ${COLUMNS} from instruction`,
          ),
          knex.schema.dropTable('instruction'),
          knex.schema.raw('alter table instruction_next rename to instruction'),
          knex.schema.alterTable('instruction', (t) => {
            t.index(['district'], 'instruction_district_index');
            t.index(['subject_type', 'id'], 'instruction_subject_type_id_index');
            t.index(['rank', 'id'], 'instruction_rank_id_index');
            t.index(['instructed_on', 'id'], 'instruction_instructed_on_id_index');
          }),
        ];
    return [
      ...instruction,
      knex.schema.alterTable('instruction', (t) => {
        t.unique(['handed_over_from'], { indexName: 'instruction_handed_over_from_unique' });
      }),
      knex.schema.createTable('instruction_subject_ref', (t) => {
        t.increments('id').primary();
        t.string('subject_type').notNullable();
        t.integer('subject_id').notNullable();
        t.string('district', 12).notNullable();
        t.string('title').notNullable();
        t.jsonb('member_ids').notNullable();
        t.jsonb('reader_ids').notNullable();
        t.unique(['subject_type', 'subject_id'], {
          indexName: 'instruction_subject_ref_subject_type_subject_id_unique',
        });
      }),
    ];
  },
);
