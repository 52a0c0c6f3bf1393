import { defineMigration } from '@cppcc/kit';

/** Press coverage of the committee's work. */
export const pressReports = defineMigration(
  'Migration20261128030000_organization_press_reports',
  (knex) =>
    knex.schema.createTable('press_report', (t) => {
      t.increments('id').primary();
      t.string('district', 12).notNullable().index();
      t.string('outlet').notNullable();
      t.string('headline').notNullable();
      t.string('published_on', 10).notNullable().index();
      t.boolean('front_page').notNullable();
      t.string('subject').notNullable();
      t.text('about').notNullable();
      t.string('url').nullable();
      t.boolean('public').notNullable().defaultTo(true);
      t.unique(['district', 'outlet', 'published_on', 'headline']);
    }),
);
