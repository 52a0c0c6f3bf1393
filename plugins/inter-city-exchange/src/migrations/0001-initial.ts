import { defineMigration } from '@cppcc/plugin-sdk';

export const initial = defineMigration(
  'Migration20261128213000_inter_city_exchange_initial',
  (knex) => [
    knex.schema.createTable('intercity_partner', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('name').notNullable();
      t.string('city').notNullable();
      t.string('province').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('intercity_mechanism', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('name').notNullable();
      t.string('agreement_title').notNullable();
      t.string('agreement_signed_on', 10).notNullable();
      t.text('agreement_text').notNullable();
      t.string('status').notNullable();
      t.string('created_by').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('intercity_mechanism_member', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('mechanism_id').notNullable().index();
      t.integer('position').notNullable();
      t.integer('partner_id').nullable();
      t.string('local_district', 12).nullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['mechanism_id', 'position']);
    }),
    knex.schema.createTable('intercity_meeting', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('mechanism_id').notNullable().index();
      t.integer('session').notNullable();
      t.integer('host_member_id').notNullable();
      t.text('out_of_turn_reason').nullable();
      t.string('planned_on', 10).notNullable();
      t.string('held_on', 10).nullable();
      t.string('place').notNullable();
      t.json('agenda').notNullable();
      t.json('attendee_ids').notNullable();
      t.text('minutes').nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('intercity_resolution', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('meeting_id').notNullable().index();
      t.text('text').notNullable();
      t.string('status').notNullable();
      t.text('follow_up').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('intercity_activity', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('mechanism_id').notNullable().index();
      t.string('kind').notNullable();
      t.string('topic').notNullable();
      t.string('research_project_id').nullable().index();
      t.json('participant_ids').notNullable();
      t.string('starts_on', 10).notNullable();
      t.string('ends_on', 10).nullable();
      t.text('outcome').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('intercity_visit', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('partner_id').notNullable().index();
      t.integer('mechanism_id').nullable();
      t.string('direction').notNullable();
      t.string('starts_on', 10).notNullable();
      t.string('ends_on', 10).notNullable();
      t.json('topics').notNullable();
      t.string('guest_leader').nullable();
      t.text('outcomes').nullable();
      t.string('reported_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('intercity_visit_delegate', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('visit_id').notNullable().index();
      t.string('member_id').notNullable().index();
      t.boolean('leader').notNullable().defaultTo(false);
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['visit_id', 'member_id']);
    }),
  ],
);
