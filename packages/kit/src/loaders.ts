import DataLoader from 'dataloader';
import type { EntitySchema, FilterQuery, OrderDefinition } from '@mikro-orm/core';
import type { EntityManager } from './db.js';
import { keysetWhere, readPageArgs, toPage, type Page, type PageArgs } from './pagination.js';

/** The rows a `loadMany` found: neither missing (null) nor failed (an Error). */
export function foundRows<T>(results: readonly (T | null | Error)[]): T[] {
  return results.filter((r): r is T => r !== null && !(r instanceof Error));
}

/**
 * Request-scoped batch loaders. Federation resolves entity references one representation
 * at a time; these turn N look-ups in one tick into one `IN (...)` query.
 */
export class Loaders {
  // One map holds loaders of every key and value type; `loader` hands each back typed by its key.
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly em: EntityManager) {}

  private loader<K, V>(key: string, make: () => DataLoader<K, V>): DataLoader<K, V> {
    const cached = this.cache.get(key);
    if (cached) return cached as DataLoader<K, V>;
    const loader = make();
    this.cache.set(key, loader as DataLoader<unknown, unknown>);
    return loader;
  }

  /** One row per key value (the district filter still applies). */
  one<T extends object>(
    entity: EntitySchema<T>,
    field: keyof T & string = 'id' as keyof T & string,
  ): DataLoader<string | number, T | null> {
    return this.loader(
      `one:${entity.meta.className}:${field}`,
      () =>
        new DataLoader(async (keys) => {
          const rows = await this.em.find(entity, { [field]: { $in: keys } } as FilterQuery<T>);
          const byKey = new Map(rows.map((r) => [String((r as T)[field]), r]));
          return keys.map((k) => byKey.get(String(k)) ?? null);
        }),
    );
  }

  /**
   * Every row whose `field` equals the key, grouped per key. `unfiltered` drops the district
   * filter: only for a `where` that already limits rows to the caller's own.
   */
  many<T extends object>(
    entity: EntitySchema<T>,
    field: keyof T & string,
    where: FilterQuery<T> = {} as FilterQuery<T>,
    unfiltered = false,
  ): DataLoader<string | number, T[]> {
    return this.loader(
      `many:${entity.meta.className}:${field}:${JSON.stringify(where)}:${unfiltered}`,
      () =>
        new DataLoader(async (keys) => {
          const rows = await this.em.find(
            entity,
            { $and: [where, { [field]: { $in: keys } }] } as FilterQuery<T>,
            {
              orderBy: {
                [this.em.getMetadata().get(entity.meta.className).primaryKeys[0]]: 'asc',
              } as OrderDefinition<T>,
              ...(unfiltered ? { filters: false } : {}),
            },
          );
          const groups = new Map<string, T[]>();
          for (const row of rows) {
            const k = String((row as T)[field]);
            groups.set(k, [...(groups.get(k) ?? []), row]);
          }
          return keys.map((k) => groups.get(String(k)) ?? []);
        }),
    );
  }

  /**
   * A page of children per parent, for every parent in the batch at once. One query fetches the
   * children of all parents between the cursors; each parent's page is then cut from them.
   */
  page<T extends { id: number }>(
    entity: EntitySchema<T>,
    field: keyof T & string,
    args: PageArgs,
    where: FilterQuery<T> = {} as FilterQuery<T>,
    unfiltered = false,
  ): DataLoader<string | number, Page<T>> {
    const w = readPageArgs(args);
    const keyed = keysetWhere(where, w);
    return this.loader(
      `page:${entity.meta.className}:${field}:${JSON.stringify([where, args])}:${unfiltered}`,
      () =>
        new DataLoader(async (keys) => {
          const all = await this.many(entity, field, keyed, unfiltered).loadMany(keys);
          const whole = (key: string | number) =>
            this.many(entity, field, where, unfiltered).load(key);
          return all.map((rows, i) =>
            toPage(
              rows instanceof Error ? [] : rows,
              w,
              async () => (await whole(keys[i])).length,
              {
                after: async () =>
                  (await whole(keys[i])).some((r) => w.afterId !== null && r.id <= w.afterId),
                before: async () =>
                  (await whole(keys[i])).some((r) => w.beforeId !== null && r.id >= w.beforeId),
              },
            ),
          );
        }),
    );
  }
}
