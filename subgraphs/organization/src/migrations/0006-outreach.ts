import { defineMigration } from '@cppcc/kit';

/** Policy documents and their implementation reviews, communications, consensus campaigns, staff records. */
export const outreach = defineMigration('Migration20261128212500_organization_outreach', (knex) =>
  knex.schema
    .createTable('policy_document', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('kind').notNullable();
      t.string('title').notNullable();
      t.string('issued_by').notNullable();
      t.string('issued_on', 10).notNullable();
      t.text('summary').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('implementation_review', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('document_id').notNullable().index();
      t.string('kind').notNullable();
      t.string('title').notNullable();
      t.string('planned_on', 10).notNullable();
      t.jsonb('districts_visited').notNullable();
      t.text('findings').nullable();
      t.text('follow_up').nullable();
      t.string('reported_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('communication', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('kind').notNullable();
      t.string('title').notNullable();
      t.string('audience').notNullable();
      t.text('occasion').notNullable();
      t.text('body').notNullable();
      t.string('issued_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
    })
    .createTable('consensus_campaign', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('kind').notNullable();
      t.string('title').notNullable();
      t.text('theme').notNullable();
      t.string('opens_on', 10).notNullable();
      t.string('closes_on', 10).notNullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('campaign_entry', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('campaign_id').notNullable().index();
      t.integer('member_id').nullable().index();
      t.string('author').notNullable();
      t.string('title').notNullable();
      t.string('award').nullable();
      t.string('submitted_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('staff_record', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('kind').notNullable();
      t.string('person').notNullable();
      t.string('grade').nullable();
      t.string('post').notNullable();
      t.string('starts_on', 10).notNullable();
      t.string('ends_on', 10).nullable();
      t.text('note').nullable();
      t.boolean('public').notNullable().defaultTo(false);
    }),
);
