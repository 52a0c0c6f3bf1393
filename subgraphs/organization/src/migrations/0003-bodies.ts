import { defineMigration } from '@cppcc/kit';

/** Government units, terms and sessions, body meetings and the attendance of members. */
export const bodies = defineMigration('Migration20261128203000_organization_bodies', (knex) =>
  knex.schema
    .createTable('government_unit', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('name').notNullable();
      t.string('short').notNullable();
      t.boolean('active').notNullable().defaultTo(true);
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('term', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('ordinal').notNullable();
      t.string('name').notNullable();
      t.string('starts_on', 10).notNullable();
      t.string('ends_on', 10).nullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('term_session', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('term_id').notNullable().index();
      t.integer('ordinal').notNullable();
      t.string('name').notNullable();
      t.string('starts_on', 10).notNullable();
      t.string('ends_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('body_meeting', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('term_id').notNullable().index();
      t.integer('session_id').nullable();
      t.string('body').notNullable();
      t.string('title').notNullable();
      t.string('planned_on', 10).notNullable();
      t.string('held_on', 10).nullable();
      t.jsonb('agenda').notNullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('attendance', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('kind').notNullable();
      t.integer('subject_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('attendance').notNullable();
      t.string('held_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['kind', 'subject_id', 'member_id']);
    }),
);
