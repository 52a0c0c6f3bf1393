import { defineMigration } from '@cppcc/kit';

export const inboxShowsFrom = defineMigration(
  'Migration20261206000003_platform_inbox_shows_from',
  (knex) =>
    knex.schema.alterTable('inbox_item', (t) => {
      t.string('shows_from', 10).nullable();
    }),
);
