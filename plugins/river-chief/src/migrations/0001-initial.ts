import { defineMigration } from '@cppcc/plugin-sdk';

export const initial = defineMigration('Migration20261206100000_river_chief', (knex) => [
  knex.schema.createTable('river_chief_river', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.string('name').notNullable();
    t.string('chief').notNullable();
    t.double('length_km').notNullable();
    t.boolean('public').notNullable().defaultTo(true);
  }),
  knex.schema.createTable('river_chief_inspection', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.integer('river_id').notNullable().index();
    t.string('status').notNullable();
    t.string('planned_on', 10).notNullable();
    t.json('member_ids').notNullable();
    t.text('findings').nullable();
    t.string('proposal_id').nullable();
    t.boolean('public').notNullable().defaultTo(false);
  }),
  knex.schema.createTable('river_chief_proposal', (t) => {
    t.string('proposal_id').primary();
    t.string('district', 12).notNullable();
    t.string('title').notNullable();
    t.string('status').notNullable();
    t.integer('version').notNullable();
  }),
]);
