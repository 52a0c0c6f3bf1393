import { defineMigration } from '@cppcc/kit';

export const publicInput = defineMigration(
  'Migration20261128210000_consultation_public_input',
  (knex) => [
    knex.schema.createTable('input_campaign', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('title').notNullable();
      t.string('purpose').notNullable();
      t.string('opens_on', 10).notNullable();
      t.string('closes_on', 10).notNullable();
      t.jsonb('themes').notNullable();
      t.string('compiled_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.createTable('input_contribution', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('campaign_id').notNullable().index();
      t.string('kind').notNullable();
      t.string('theme').notNullable();
      t.string('title').notNullable();
      t.text('text').notNullable();
      t.integer('member_id').nullable().index();
      t.string('contributor_name').nullable();
      t.string('contributor_organisation').nullable();
      t.string('received_on', 10).notNullable();
      t.text('screening_note').nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.createTable('recommendation_source', (t) => {
      t.increments('id').primary();
      t.integer('recommendation_id').notNullable().index();
      t.integer('contribution_id').notNullable().index();
      t.unique(['recommendation_id', 'contribution_id']);
    }),
    knex.schema.alterTable('recommendation', (t) => {
      t.integer('campaign_id').nullable().index();
    }),
    knex.schema.createTable('questionnaire', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('campaign_id').notNullable().index();
      t.string('title').notNullable();
      t.text('intro').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('questionnaire_question', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('questionnaire_id').notNullable().index();
      t.integer('position').notNullable();
      t.string('text').notNullable();
      t.string('kind').notNullable();
      t.jsonb('options').notNullable();
      t.boolean('required').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['questionnaire_id', 'position']);
    }),
    knex.schema.createTable('questionnaire_distribution', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('questionnaire_id').notNullable().index();
      t.string('channel').notNullable();
      t.integer('copies').notNullable();
      t.string('distributed_on', 10).notNullable();
      t.string('note').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('questionnaire_response', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('questionnaire_id').notNullable().index();
      t.string('respondent').notNullable();
      t.integer('member_id').nullable().index();
      t.string('entered_by').nullable();
      t.string('submitted_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['questionnaire_id', 'member_id']);
    }),
    knex.schema.createTable('questionnaire_answer', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('response_id').notNullable().index();
      t.integer('question_id').notNullable().index();
      t.string('option').nullable();
      t.text('text').nullable();
      t.boolean('public').notNullable().defaultTo(false);
    }),
  ],
);
