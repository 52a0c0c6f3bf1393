import { defineMigration } from '@cppcc/kit';

export const initial = defineMigration('Migration20261127000001_members', (knex) =>
  knex.schema
    .createTable('member', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('name').notNullable();
      t.string('gender').notNullable();
      t.string('ethnicity').notNullable();
      t.string('party').notNullable();
      t.integer('sector_id').notNullable().index();
      t.string('work_unit').notNullable();
      t.string('title').notNullable();
      t.boolean('standing_committee').notNullable().defaultTo(false);
      t.string('status').notNullable().defaultTo('ACTIVE');
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('committee_membership', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('member_id').notNullable().index();
      t.integer('committee_id').notNullable().index();
      t.string('role').notNullable();
      t.string('since', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('duty_event', (t) => {
      t.increments('id').primary();
      t.string('district', 12).nullable();
      t.integer('member_id').notNullable().index();
      t.string('kind').notNullable();
      t.string('source_module').notNullable();
      t.string('source_id').notNullable();
      t.string('summary').notNullable();
      t.datetime('occurred_at').notNullable();
      t.string('event_id', 36).notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.unique(['event_id', 'member_id']);
    }),
);
