import { defineMigration } from '@cppcc/kit';

export const memberChanges = defineMigration('Migration20261127000006_members_changes', (knex) =>
  knex.schema.createTable('member_change', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable();
    t.integer('member_id').notNullable().index();
    t.string('field').notNullable();
    t.string('from_value').nullable();
    t.string('to_value').nullable();
    t.string('effective_on', 10).notNullable();
    t.string('changed_by').nullable();
    t.string('note').nullable();
    t.boolean('public').notNullable().defaultTo(false);
  }),
);
