import { defineMigration } from '@cppcc/kit';

/** The Party Group and its study sessions, functional Party branches, placements and activities. */
export const partyBuilding = defineMigration(
  'Migration20261128204500_organization_party_building',
  (knex) =>
    knex.schema
      .createTable('party_group', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().unique();
        t.string('name').notNullable();
        t.string('secretary').notNullable();
        t.boolean('public').notNullable().defaultTo(true);
      })
      .createTable('study_session', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('group_id').notNullable().index();
        t.string('kind').notNullable();
        t.string('topic').notNullable();
        t.string('planned_on', 10).notNullable();
        t.string('held_on', 10).nullable();
        t.jsonb('materials').notNullable();
        t.jsonb('speakers').notNullable();
        t.text('minutes').nullable();
        t.string('status').notNullable();
        t.boolean('public').notNullable().defaultTo(true);
      })
      .createTable('party_branch', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('committee_id').notNullable().index();
        t.string('name').notNullable();
        t.integer('secretary_id').nullable();
        t.string('established_on', 10).notNullable();
        t.string('status').notNullable();
        t.boolean('public').notNullable().defaultTo(true);
      })
      .createTable('branch_placement', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('branch_id').notNullable().index();
        t.integer('member_id').notNullable().index();
        t.string('joined_on', 10).notNullable();
        t.string('left_on', 10).nullable();
        t.string('status').notNullable();
        t.boolean('public').notNullable().defaultTo(false);
      })
      .createTable('branch_activity', (t) => {
        t.increments('id').primary();
        t.string('district', 12).notNullable().index();
        t.integer('branch_id').notNullable().index();
        t.string('kind').notNullable();
        t.string('title').notNullable();
        t.string('held_on', 10).notNullable();
        t.string('speaker').nullable();
        t.text('summary').notNullable();
        t.boolean('public').notNullable().defaultTo(true);
      }),
);
