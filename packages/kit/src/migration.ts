import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';

/**
 * A migration written once with knex's schema builder, so the same file migrates SQLite and
 * PostgreSQL. `up` receives knex and returns schema builders (`knex.schema.createTable(...)`).
 */
export function defineMigration(
  name: string,
  up: (knex: Knex) => Knex.SchemaBuilder | Knex.SchemaBuilder[],
) {
  class DefinedMigration extends Migration {
    override async up(): Promise<void> {
      const knex = this.getKnex();
      const builders = up(knex);
      // A builder accumulates what was chained on it; each is run once.
      for (const builder of new Set(Array.isArray(builders) ? builders : [builders])) {
        // toSQL() splits a table with its indexes into separate statements: SQLite runs one at a
        // time. knex's types say a schema builder's toSQL() is one statement, hence the cast.
        for (const statement of builder.toSQL() as unknown as Knex.Sql[]) {
          this.addSql(knex.raw(statement.sql, statement.bindings).toQuery());
        }
      }
    }
  }
  Object.defineProperty(DefinedMigration, 'name', { value: name });
  return { name, class: DefinedMigration };
}

/**
 * Indexes for the filters a list offers: one on (column, id) per filtered column, so a page
 * filtered on it reads the index in the list's order (by id) instead of the whole table.
 */
export function defineFilterIndexes(name: string, tables: Record<string, string[]>) {
  return defineMigration(name, (knex) =>
    Object.entries(tables).map(([table, columns]) =>
      knex.schema.alterTable(table, (t) => {
        for (const column of columns) t.index([column, 'id'], `${table}_${column}_id_index`);
      }),
    ),
  );
}
