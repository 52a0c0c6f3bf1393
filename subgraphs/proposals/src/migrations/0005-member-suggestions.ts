import { defineMigration } from '@cppcc/kit';

/** Member suggestions made from converted proposals, forwarded to units for reference. */
export const memberSuggestions = defineMigration(
  'Migration20261216090000_proposals_member_suggestions',
  (knex) =>
    knex.schema.createTable('member_suggestion', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('proposal_id').notNullable().unique();
      t.string('title').notNullable();
      t.text('content').notNullable();
      t.jsonb('author_ids').notNullable();
      t.string('status').notNullable();
      t.integer('unit_id').nullable().index();
      t.string('forwarded_on', 10).nullable();
      t.text('answer').nullable();
      t.string('answered_on', 10).nullable();
      t.datetime('created_at').notNullable();
      t.boolean('public').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(1);
    }),
);
