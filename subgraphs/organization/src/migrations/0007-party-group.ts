import { defineMigration } from '@cppcc/kit';

/**
 * The Party Group belongs to a term (one group per district and term) and has dated members:
 * secretary, deputy secretaries, members. Groups already on record get their district's open term.
 */
export const partyGroup = defineMigration(
  'Migration20261129090000_organization_party_group',
  (knex) => [
    knex.schema.alterTable('party_group', (t) => {
      t.integer('term_id').nullable();
      t.dropUnique(['district']);
      t.unique(['district', 'term_id']);
    }),
    knex.schema.raw(
      'update party_group set term_id = (select t.id from term t where t.district = party_group.district and t.ends_on is null order by t.starts_on desc limit 1)',
    ),
    knex.schema.createTable('party_group_membership', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.integer('group_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('role').notNullable();
      t.string('joined_on', 10).notNullable();
      t.string('left_on', 10).nullable();
      t.string('status').notNullable();
      t.boolean('public').notNullable().defaultTo(true);
    }),
  ],
);
