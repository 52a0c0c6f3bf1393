import { defineMigration } from '@cppcc/kit';

export const donations = defineMigration('Migration20261127000005_members_donations', (knex) =>
  knex.schema
    .createTable('donation_campaign', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('title').notNullable();
      t.text('purpose').notNullable();
      t.string('starts_on', 10).notNullable();
      t.string('ends_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    })
    .createTable('donation', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable();
      t.integer('campaign_id').notNullable().index();
      t.integer('member_id').nullable().index();
      t.string('organization').nullable();
      t.string('kind').notNullable();
      t.bigInteger('amount_fen').notNullable();
      t.string('description').nullable();
      t.string('donated_on', 10).notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
);
