import { defineMigration } from '@cppcc/kit';

export const researchAndOutcomes = defineMigration(
  'Migration20261128203000_consultation_research_outcomes',
  (knex) => [
    knex.schema.createTable('research_project', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('title').notNullable();
      t.string('topic').notNullable();
      t.integer('plan_topic_id').nullable();
      t.integer('lead_committee_id').nullable();
      t.boolean('joint').notNullable().defaultTo(false);
      t.jsonb('partner_committees').notNullable();
      t.text('plan').nullable();
      t.string('report_title').nullable();
      t.text('report_text').nullable();
      t.string('report_submitted_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.createTable('research_phase', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('project_id').notNullable().index();
      t.string('phase').notNullable();
      t.string('due_on', 10).nullable();
      t.string('started_on', 10).nullable();
      t.string('completed_on', 10).nullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['project_id', 'phase']);
    }),
    knex.schema.createTable('research_team_member', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('project_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('role').notNullable();
      t.string('joined_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['project_id', 'member_id']);
    }),
    knex.schema.createTable('field_visit', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('project_id').notNullable().index();
      t.string('visited_on', 10).notNullable();
      t.string('place').notNullable();
      t.string('purpose').nullable();
      t.boolean('public').notNullable().defaultTo(false);
    }),
    knex.schema.createTable('field_visit_attendance', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('visit_id').notNullable().index();
      t.integer('member_id').notNullable();
      t.string('attendance').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['visit_id', 'member_id']);
    }),
    knex.schema.createTable('recommendation', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('kind').notNullable();
      t.string('title').notNullable();
      t.text('text').notNullable();
      t.integer('activity_id').nullable().index();
      t.integer('research_project_id').nullable().index();
      t.jsonb('author_ids').notNullable();
      t.string('submitted_to').nullable();
      t.string('submitted_on', 10).nullable();
      t.string('adoption').nullable();
      t.string('adopted_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.createTable('instruction', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('subject_type').notNullable();
      t.integer('subject_id').notNullable();
      t.string('leader').notNullable();
      t.string('leader_post').nullable();
      t.string('rank').notNullable();
      t.string('level').notNullable();
      t.string('instructed_on', 10).notNullable();
      t.text('text').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
    }),
    knex.schema.createTable('ledger_entry', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('instruction_id').notNullable().index();
      t.integer('unit_id').notNullable().index();
      t.text('task').notNullable();
      t.string('due_on', 10).notNullable();
      t.text('feedback').nullable();
      t.string('replied_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.createTable('result', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('root_id').nullable().index();
      t.integer('parent_id').nullable().index();
      t.string('kind').notNullable();
      t.string('title').notNullable();
      t.text('description').nullable();
      t.integer('recommendation_id').nullable().index();
      t.integer('unit_id').nullable().index();
      t.string('document').nullable();
      t.string('adopted_on', 10).nullable();
      t.string('start_on', 10).nullable();
      t.string('due_on', 10).nullable();
      t.integer('weight').notNullable().defaultTo(1);
      t.integer('own_progress').notNullable().defaultTo(0);
      t.string('status').nullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.createTable('result_timeline_entry', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('result_id').notNullable().index();
      t.string('happened_on', 10).notNullable();
      t.text('text').notNullable();
      t.integer('progress').nullable();
      t.string('actor').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
  ],
);
