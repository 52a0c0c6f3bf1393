import { defineMigration } from '@cppcc/plugin-sdk';

/** The replica of research projects a joint activity may name, so an unknown or another district's one is refused. */
export const researchProjectRefs = defineMigration(
  'Migration20261206061500_inter_city_exchange_research_project_refs',
  (knex) =>
    knex.schema.createTable('intercity_research_project_ref', (t) => {
      t.string('project_id').primary();
      t.string('district', 12).notNullable();
      t.string('phase').notNullable();
      t.integer('version').notNullable().defaultTo(0);
    }),
);
