import { graphql, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { connectionType, createBuilder, pagedList } from './builder.js';
import { LIST_CAP, pageOfList } from './pagination.js';

// A real kit builder: shelves of 1,500 books, a list of them on Shelf and one on the Query root.
interface Book {
  id: number;
  colour: string;
}
const books: Book[] = Array.from({ length: 1500 }, (_, i) => ({
  id: i + 1,
  colour: i % 3 === 0 ? 'red' : 'blue',
}));
const asked: string[] = [];

const builder = createBuilder();
const BookType = builder.objectRef<Book>('Book').implement({
  fields: (t) => ({ id: t.exposeInt('id'), colour: t.exposeString('colour') }),
});
const ShelfType = builder.objectRef<{ name: string }>('Shelf').implement({
  fields: (t) => ({ name: t.exposeString('name') }),
});
const BookConnection = connectionType<Book>(builder, 'Book', BookType);
pagedList(builder, ShelfType, {
  name: 'books',
  node: BookType,
  connection: BookConnection,
  what: 'books',
  nullable: true,
  args: (t) => ({ colour: t.arg.string({ required: false }) }),
  listDescription: 'The books.',
  description: 'The books, a page at a time.',
  page: (shelf, { colour, ...page }, _ctx, field) => {
    asked.push(field);
    if (shelf.name === 'locked') return null;
    return pageOfList(
      books.filter((b) => !colour || b.colour === colour),
      page,
    );
  },
});
pagedList(builder, 'Query', {
  name: 'allBooks',
  node: BookType,
  connection: BookConnection,
  what: 'books',
  listDescription: 'Every book.',
  description: 'Every book, a page at a time.',
  page: (_root, args) => pageOfList(books, args),
});
builder.queryField('shelf', (t) =>
  t.field({
    type: ShelfType,
    args: { name: t.arg.string({ required: true }) },
    resolve: (_root, { name }) => ({ name }),
  }),
);
const schema = builder.toSchema();
async function run<T>(source: string): Promise<T> {
  const result = await graphql({ schema, source, contextValue: {} });
  expect(result.errors).toBeUndefined();
  return result.data as T;
}
type Ids = { id: number }[];

describe('pagedList: a connection and the capped list it replaces', () => {
  it('declares both fields, the list deprecated for the connection, both taking the extra arguments', () => {
    const shelf = (schema.getType('Shelf') as GraphQLObjectType).getFields();
    expect(shelf.books.deprecationReason).toBe(
      'Use `booksConnection` (a connection, paged both ways); this list stops at the first 1000 items and goes in the next release.',
    );
    expect(String(shelf.books.type)).toBe('[Book!]');
    expect(shelf.books.args.map((a) => a.name)).toEqual(['colour']);
    expect(String(shelf.booksConnection.type)).toBe('BookConnection');
    expect(shelf.booksConnection.deprecationReason).toBeFalsy();
    expect(shelf.booksConnection.args.map((a) => a.name).sort()).toEqual([
      'after',
      'before',
      'colour',
      'first',
      'last',
    ]);
    const root = schema.getQueryType()!.getFields();
    expect(String(root.allBooks.type)).toBe('[Book!]!');
    expect(String(root.allBooksConnection.type)).toBe('BookConnection!');
  });

  it('stops the plain list at LIST_CAP; the connection pages the same items', async () => {
    const data = await run<{ allBooks: Ids; allBooksConnection: unknown }>(
      '{ allBooks { id } allBooksConnection(last: 2) { totalCount nodes { id } } }',
    );
    expect(data.allBooks).toHaveLength(LIST_CAP);
    expect(data.allBooks.at(-1)).toEqual({ id: LIST_CAP });
    expect(data.allBooksConnection).toEqual({
      totalCount: 1500,
      nodes: [{ id: 1499 }, { id: 1500 }],
    });
  });

  it('passes the extra arguments and the asked field to page, and a null page reads null', async () => {
    asked.length = 0;
    const data = await run<{ shelf: { books: Ids; booksConnection: unknown }; locked: unknown }>(`{
      shelf(name: "open") { books(colour: "red") { id } booksConnection(colour: "red", first: 1) { totalCount } }
      locked: shelf(name: "locked") { books { id } booksConnection { totalCount } }
    }`);
    expect(data.shelf.books).toHaveLength(500);
    expect(data.shelf.booksConnection).toEqual({ totalCount: 500 });
    expect(data.locked).toEqual({ books: null, booksConnection: null });
    expect(asked.sort()).toEqual(['books', 'books', 'booksConnection', 'booksConnection']);
  });
});
