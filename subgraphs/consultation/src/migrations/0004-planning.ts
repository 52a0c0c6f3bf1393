import { defineMigration } from '@cppcc/kit';

export const planning = defineMigration('Migration20261128204500_consultation_planning', (knex) => [
  knex.schema.createTable('consultation_plan', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable();
    t.integer('year').notNullable();
    t.string('title').notNullable();
    t.string('approved_by').nullable();
    t.string('approved_on', 10).nullable();
    t.string('published_on', 10).nullable();
    t.string('status').notNullable();
    t.boolean('public').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['district', 'year']);
  }),
  knex.schema.createTable('plan_topic', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable();
    t.integer('plan_id').notNullable().index();
    t.string('title').notNullable();
    t.string('source').notNullable();
    t.string('proposed_by').nullable();
    t.string('form').notNullable();
    t.integer('lead_committee_id').nullable();
    t.integer('quarter').nullable();
    t.boolean('public').notNullable().defaultTo(false);
  }),
  knex.schema.createTable('escalation', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.string('body').notNullable();
    t.string('title').notNullable();
    t.integer('research_project_id').nullable().index();
    t.integer('activity_id').nullable().index();
    t.string('taken_up_on', 10).notNullable();
    t.string('held_on', 10).nullable();
    t.text('note').nullable();
    t.boolean('public').notNullable().defaultTo(true);
  }),
]);
