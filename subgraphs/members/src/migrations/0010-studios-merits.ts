import { defineMigration } from '@cppcc/kit';

/** Member studios with their residents, rota and receptions; township convenors; awards and penalties. */
export const studiosAndMerits = defineMigration(
  'Migration20261128213500_members_studios_merits',
  (knex) => [
    knex.schema.createTable('member_studio', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('name').notNullable();
      t.string('location').notNullable();
      t.text('rules').nullable();
      t.integer('lead_member_id').notNullable().index();
      t.string('opened_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('studio_resident', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('studio_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('joined_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['studio_id', 'member_id']);
    }),
    knex.schema.createTable('studio_shift', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('studio_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('shift_on', 10).notNullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.integer('version').notNullable().defaultTo(1);
      t.unique(['studio_id', 'member_id', 'shift_on']);
    }),
    knex.schema.createTable('studio_reception', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('studio_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('received_on', 10).notNullable();
      t.integer('visitors').notNullable();
      t.string('title').notNullable();
      t.text('detail').notNullable();
      t.string('status').notNullable();
      t.string('target').nullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.createTable('township_convenor', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('township').notNullable();
      t.string('name').notNullable();
      t.string('post').notNullable();
      t.integer('member_id').nullable();
      t.string('since', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['district', 'township']);
    }),
    knex.schema.createTable('merit_record', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('member_id').notNullable().index();
      t.string('type').notNullable();
      t.string('title').notNullable();
      t.string('level').nullable();
      t.text('reason').nullable();
      t.string('decided_on', 10).notNullable();
      t.string('recorded_by').nullable();
      t.boolean('public').notNullable().defaultTo(false);
    }),
  ],
);
