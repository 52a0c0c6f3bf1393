import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type EntityManager, type Orm } from './db.js';
import { Loaders } from './loaders.js';
import { defineMigration } from './migration.js';
import {
  encodeCursor,
  findPage,
  type Page,
  type PageArgs,
  type PageFlag,
  pageOfList,
} from './pagination.js';

const NoteSchema = defineEntity({
  name: 'PageNote',
  tableName: 'page_note',
  properties: {
    id: p.integer().primary().autoincrement(),
    shelf: p.string(),
  },
});
type Note = InferEntity<typeof NoteSchema>;

const noteMigration = defineMigration('Migration00000000000001_page_note', (knex) => [
  knex.schema.createTable('page_note', (t) => {
    t.increments('id');
    t.string('shelf').notNullable();
  }),
]);

const flag = (f: PageFlag) => (typeof f === 'function' ? f() : f);
async function view(page: Page<Note>) {
  return {
    ids: page.edges.map((e) => e.node.id),
    next: await flag(page.pageInfo.hasNextPage),
    previous: await flag(page.pageInfo.hasPreviousPage),
    start: page.pageInfo.startCursor,
    end: page.pageInfo.endCursor,
  };
}

let orm: Orm;
let em: EntityManager;
// Ten notes on shelf a (ids 1-4 and 6-11) and one on shelf b (id 5) between them.
const A = [1, 2, 3, 4, 6, 7, 8, 9, 10, 11];

beforeAll(async () => {
  orm = await openDatabase({
    module: 'pagination-test',
    entities: [NoteSchema],
    migrations: [noteMigration],
    file: ':memory:',
  });
  await migrate(orm);
  const fork = orm.em.fork();
  for (let id = 1; id <= 11; id++) fork.create(NoteSchema, { id, shelf: id === 5 ? 'b' : 'a' });
  await fork.flush();
  em = orm.em.fork() as EntityManager;
});
afterAll(() => orm.close());

const onA = { shelf: 'a' };

describe('findPage (keyset by id, real SQLite)', () => {
  it('pages forward; the second page knows items come before it', async () => {
    const one = await view(await findPage(em, NoteSchema, onA, { first: 4 }));
    expect(one).toMatchObject({ ids: [1, 2, 3, 4], next: true, previous: false });
    const two = await view(await findPage(em, NoteSchema, onA, { first: 4, after: one.end }));
    expect(two).toMatchObject({ ids: [6, 7, 8, 9], next: true, previous: true });
    const three = await view(await findPage(em, NoteSchema, onA, { first: 4, after: two.end }));
    expect(three).toMatchObject({ ids: [10, 11], next: false, previous: true });
  });

  it('pages backward from the end, then from each start cursor, back to the first item', async () => {
    const last = await view(await findPage(em, NoteSchema, onA, { last: 4 }));
    expect(last).toMatchObject({ ids: [8, 9, 10, 11], next: false, previous: true });
    const before = await view(await findPage(em, NoteSchema, onA, { last: 4, before: last.start }));
    expect(before).toMatchObject({ ids: [3, 4, 6, 7], next: true, previous: true });
    const first = await view(
      await findPage(em, NoteSchema, onA, { last: 4, before: before.start }),
    );
    expect(first).toMatchObject({ ids: [1, 2], next: true, previous: false });
  });

  it('walks the whole list backward and forward to the same items', async () => {
    const walk = async (args: (cursor: string | null) => PageArgs, back: boolean) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page = await view(await findPage(em, NoteSchema, onA, args(cursor)));
        seen.push(...(back ? [...page.ids].reverse() : page.ids));
        if (!(back ? page.previous : page.next)) return back ? seen.reverse() : seen;
        cursor = back ? page.start : page.end;
      }
    };
    expect(await walk((c) => ({ first: 3, after: c }), false)).toEqual(A);
    expect(await walk((c) => ({ last: 3, before: c }), true)).toEqual(A);
  });

  it('takes after and before together as a range', async () => {
    const page = await view(
      await findPage(em, NoteSchema, onA, {
        first: 10,
        after: encodeCursor(2),
        before: encodeCursor(8),
      }),
    );
    expect(page).toMatchObject({ ids: [3, 4, 6, 7], next: true, previous: true });
  });

  it('counts the whole list, whichever way it pages', async () => {
    const page = await findPage(em, NoteSchema, onA, { last: 2, before: encodeCursor(4) });
    expect(await page.totalCount()).toBe(10);
  });

  it('refuses first with last, naming the field and rule', async () => {
    const error = await findPage(em, NoteSchema, onA, { first: 2, last: 2 }).catch((e) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'last',
      rule: 'one-of',
    });
  });

  it('holds last to the range first has, and before to a cursor of a list', async () => {
    for (const last of [-1, 1001, 1.5]) {
      const error = await findPage(em, NoteSchema, onA, { last }).catch((e) => e);
      expect(error.extensions).toMatchObject({ field: 'last', rule: 'range' });
    }
    expect((await findPage(em, NoteSchema, onA, { last: 1000 })).edges).toHaveLength(10);
    const error = await findPage(em, NoteSchema, onA, { last: 2, before: 'nope' }).catch((e) => e);
    expect(error.extensions).toMatchObject({ field: 'before', rule: 'cursor' });
  });
});

describe('Loaders.page (a page per parent in one batch)', () => {
  it('pages each shelf backward with the flags of both sides', async () => {
    const loaders = new Loaders(orm.em.fork() as EntityManager);
    const loader = loaders.page(NoteSchema, 'shelf', { last: 3, before: encodeCursor(10) });
    const [a, b] = await Promise.all([loader.load('a'), loader.load('b')]);
    expect(await view(a)).toMatchObject({ ids: [7, 8, 9], next: true, previous: true });
    expect(await view(b)).toMatchObject({ ids: [5], next: false, previous: false });
  });
});

describe('pageOfList (a list held in memory)', () => {
  const all = A.map((id) => ({ id, shelf: 'a' }));
  it('pages backward and forward like findPage', async () => {
    const back = await view(pageOfList(all, { last: 3 }) as Page<Note>);
    expect(back).toMatchObject({ ids: [9, 10, 11], next: false, previous: true });
    const on = await view(pageOfList(all, { first: 3, after: encodeCursor(9) }) as Page<Note>);
    expect(on).toMatchObject({ ids: [10, 11], next: false, previous: true });
  });
});
