import { defineMigration } from '@cppcc/kit';

export const activityLifecycle = defineMigration(
  'Migration20261128202500_consultation_activity_lifecycle',
  (knex) => [
    knex.schema.alterTable('consultation_activity', (t) => {
      t.integer('counterpart_unit_id').nullable();
      t.string('location').nullable();
      t.integer('plan_topic_id').nullable().index();
      t.text('minutes').nullable();
      t.integer('version').notNullable().defaultTo(1);
    }),
    knex.schema.alterTable('participant', (t) => {
      // Rows written before this migration were all of activities already held.
      t.string('attendance').notNullable().defaultTo('PRESENT');
    }),
    knex.schema.createTable('activity_guest', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('activity_id').notNullable().index();
      t.string('kind').notNullable();
      t.string('name').notNullable();
      t.string('position').nullable();
      t.integer('unit_id').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('speech', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('activity_id').notNullable().index();
      t.integer('member_id').nullable().index();
      t.integer('guest_id').nullable();
      t.string('title').notNullable();
      t.string('mode').notNullable();
      t.string('spoke_on', 10).notNullable();
      t.text('text').nullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
    knex.schema.createTable('unit_ref', (t) => {
      t.integer('id').primary();
      t.string('district', 12).notNullable();
      t.string('name').notNullable();
      t.string('short').notNullable();
      t.boolean('active').notNullable();
    }),
  ],
);
