import { defineMigration } from '@cppcc/kit';

/** The full lifecycle: submission kinds, co-signers, handling tasks, replies, evaluation, key proposals, opinion items. */
export const lifecycle = defineMigration('Migration20261128203500_proposals_lifecycle', (knex) => [
  knex.schema.alterTable('proposal', (t) => {
    t.string('kind').notNullable().defaultTo('INDIVIDUAL');
    t.string('window').notNullable().defaultTo('INTER_SESSION');
    t.integer('term').nullable();
    t.integer('session').nullable();
    t.string('collective_kind').nullable();
    t.string('collective_name').nullable();
    t.jsonb('attachments').nullable();
    t.text('status_note').nullable();
    t.string('converted_to').nullable();
    t.integer('converted_item_id').nullable();
    t.integer('merged_into_id').nullable();
    t.string('mode').nullable();
    t.string('assigned_on', 10).nullable();
    t.datetime('replied_at').nullable();
    t.string('rating').nullable();
    t.text('rating_comment').nullable();
    t.datetime('closed_at').nullable();
    t.datetime('changed_at').nullable();
    // Two filings racing for the same number: one fails rather than both getting it.
    t.unique(['district', 'case_number']);
  }),
  knex.schema.createTable('proposal_cosigner', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().index();
    t.integer('member_id').notNullable().index();
    t.string('status').notNullable();
    t.string('respond_by', 10).notNullable();
    t.datetime('responded_at').nullable();
    t.string('source').notNullable().defaultTo('INVITATION');
    t.unique(['proposal_id', 'member_id']);
  }),
  knex.schema.createTable('handling_task', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().index();
    t.string('district', 12).notNullable().index();
    t.integer('unit_id').notNullable().index();
    t.string('role').notNullable();
    t.string('status').notNullable();
    t.string('assigned_on', 10).notNullable();
    t.string('receipt_due_on', 10).notNullable();
    t.string('due_on', 10).notNullable();
    t.string('started_on', 10).notNullable();
    t.text('extension_reason').nullable();
    t.datetime('received_at').nullable();
    t.text('return_reason').nullable();
    t.integer('replaced_by_id').nullable();
    t.text('opinion').nullable();
    t.datetime('opinion_at').nullable();
    t.string('done_on', 10).nullable();
  }),
  knex.schema.createTable('proposal_reply', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().index();
    t.integer('task_id').notNullable().index();
    t.integer('unit_id').notNullable();
    t.text('text').notNullable();
    t.string('reference_number').notNullable();
    t.string('signing_leader').notNullable();
    t.string('contact').notNullable();
    t.string('grade').notNullable();
    t.datetime('replied_at').notNullable();
    t.string('review').notNullable();
    t.text('review_note').nullable();
  }),
  knex.schema.createTable('reply_grade_wording', (t) => {
    t.string('district', 12).notNullable();
    t.string('grade').notNullable();
    t.string('wording').notNullable();
    t.primary(['district', 'grade']);
  }),
  knex.schema.createTable('key_proposal', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().unique();
    t.string('district', 12).notNullable().index();
    t.integer('year').notNullable();
    t.string('chair_meeting_on', 10).notNullable();
    t.string('leader_name').notNullable();
    t.string('leader_title').notNullable();
    t.boolean('top_leader').notNullable().defaultTo(false);
  }),
  knex.schema.createTable('key_proposal_supervision', (t) => {
    t.increments('id').primary();
    t.integer('key_proposal_id').notNullable().index();
    t.string('kind').notNullable();
    t.string('held_on', 10).notNullable();
    t.text('text').notNullable();
    t.string('recorded_by').nullable();
  }),
  knex.schema.createTable('proposal_quality_score', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().index();
    t.integer('task_id').notNullable().unique();
    t.integer('unit_id').notNullable();
    t.jsonb('scores').notNullable();
    t.integer('total').notNullable();
    t.datetime('scored_at').notNullable();
  }),
  knex.schema.createTable('proposal_handling_score', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().index();
    t.integer('task_id').notNullable().index();
    t.integer('unit_id').notNullable().index();
    t.integer('member_id').notNullable();
    t.jsonb('scores').notNullable();
    t.integer('total').notNullable();
    t.datetime('scored_at').notNullable();
    t.unique(['task_id', 'member_id']);
  }),
  knex.schema.createTable('proposal_award', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().index();
    t.string('district', 12).notNullable();
    t.integer('year').notNullable();
    t.string('awarded_on', 10).notNullable();
    t.unique(['proposal_id', 'year']);
  }),
  knex.schema.createTable('opinion_item', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.string('title').notNullable();
    t.text('content').notNullable();
    t.text('edited_content').nullable();
    t.string('category').notNullable();
    t.string('source').notNullable();
    t.string('source_name').nullable();
    t.string('status').notNullable();
    t.text('status_note').nullable();
    t.string('submitted_on', 10).nullable();
    t.integer('issue_id').nullable().index();
    t.jsonb('reported_to').nullable();
    t.string('reported_on', 10).nullable();
    t.text('feedback').nullable();
    t.string('fed_back_on', 10).nullable();
    t.integer('from_proposal_id').nullable();
    t.boolean('public').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(1);
    t.datetime('changed_at').nullable();
  }),
  knex.schema.createTable('opinion_item_author', (t) => {
    t.integer('item_id').notNullable();
    t.integer('member_id').notNullable().index();
    t.primary(['item_id', 'member_id']);
  }),
  knex.schema.createTable('bulletin_issue', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.integer('year').notNullable();
    t.integer('number').notNullable();
    t.string('title').notNullable();
    t.string('editor').notNullable();
    t.string('issuer').notNullable();
    t.string('status').notNullable();
    t.string('published_on', 10).nullable();
    t.boolean('public').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(1);
    t.datetime('changed_at').nullable();
    t.unique(['district', 'year', 'number']);
  }),
  knex.schema.createTable('opinion_adoption', (t) => {
    t.increments('id').primary();
    t.integer('item_id').notNullable().index();
    t.string('district', 12).notNullable().index();
    t.string('level').notNullable();
    t.string('mode').notNullable();
    t.string('adopted_on', 10).notNullable();
    t.string('publication').nullable();
    t.unique(['item_id', 'level']);
  }),
  knex.schema.createTable('instruction', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.string('subject_type').notNullable();
    t.integer('subject_id').notNullable().index();
    t.string('leader').notNullable();
    t.string('level').notNullable();
    t.text('text').notNullable();
    t.string('instructed_on', 10).notNullable();
    t.boolean('public').notNullable().defaultTo(false);
  }),
  knex.schema.createTable('member_ref', (t) => {
    t.integer('id').primary();
    t.string('district', 12).notNullable();
    t.string('name').notNullable();
    t.integer('sector_id').notNullable();
    t.string('status').notNullable();
  }),
  knex.schema.createTable('unit_ref', (t) => {
    t.integer('id').primary();
    t.string('district', 12).notNullable();
    t.string('name').notNullable();
    t.string('short').notNullable();
    t.boolean('active').notNullable();
  }),
]);
