import { defineFilterIndexes, defineMigration } from '@cppcc/kit';

/** Every filter the member list offers reads an index (tests/sql-indexes.e2e.ts checks). */
export const filterIndexes = defineFilterIndexes('Migration20261222090000_members_filter_indexes', {
  member: ['standing_committee'],
  parked_event: ['resolved_at'],
});

/**
 * `nameContains` matches anywhere in the name (`like '%…%'`), which a b-tree cannot serve: on
 * PostgreSQL a trigram index does (pg_trgm, a trusted extension the database owner may create).
 * The operator class is named with the schema the extension lives in, which need not be ours.
 * SQLite, the embedded default, scans its small table.
 */
export const nameSearchIndex = defineMigration(
  'Migration20261222090100_members_name_search_index',
  (knex) =>
    knex.client.dialect === 'postgresql'
      ? knex.schema.raw(`do $$
declare extension_schema text;
begin
  create extension if not exists pg_trgm;
  select n.nspname into extension_schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
  execute format(
    'create index if not exists member_name_trgm_index on member using gin (name %I.gin_trgm_ops)',
    extension_schema);
end $$`)
      : [],
);
