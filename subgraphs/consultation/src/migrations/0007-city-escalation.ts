import { defineMigration } from '@cppcc/kit';

/**
 * A district committee escalates an outcome to the city committee, which accepts or declines
 * it: the escalation gains the committee it went to, the recommendation it carries, the days it
 * was sent and answered, the answer, a status and a version, and `taken_up_on` may be empty
 * until the city takes it up. SQLite cannot drop a NOT NULL in place, so the table is made anew
 * (one file for both engines) and its rows copied back with their ids: the rows recorded so far
 * were taken up by provincial or national bodies and become TAKEN_UP.
 */
export const cityEscalation = defineMigration(
  'Migration20261206160000_consultation_city_escalation',
  (knex) => [
    knex.schema.raw('create table escalation_before as select * from escalation'),
    knex.schema.dropTable('escalation'),
    knex.schema.createTable('escalation', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('body').notNullable();
      t.string('to_district', 12).nullable().index();
      t.string('title').notNullable();
      t.integer('research_project_id').nullable().index();
      t.integer('activity_id').nullable().index();
      t.integer('recommendation_id').nullable().index();
      t.string('escalated_on', 10).nullable();
      t.string('taken_up_on', 10).nullable();
      t.string('held_on', 10).nullable();
      t.text('note').nullable();
      t.text('answer').nullable();
      t.string('answered_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.raw(
      `insert into escalation (id, district, body, title, research_project_id, activity_id, taken_up_on, held_on, note, status, public, version)
       select id, district, body, title, research_project_id, activity_id, taken_up_on, held_on, note, 'TAKEN_UP', public, 1 from escalation_before`,
    ),
    knex.schema.dropTable('escalation_before'),
    // PostgreSQL's sequence does not move with ids inserted as they were; SQLite's does.
    ...(knex.client.dialect === 'postgresql'
      ? [
          knex.schema.raw(
            "select setval(pg_get_serial_sequence('escalation', 'id'), coalesce((select max(id) from escalation), 0) + 1, false)",
          ),
        ]
      : []),
  ],
);
