import { defineEntity, p } from '@mikro-orm/core';
import { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { defineEvent, defineMigration, defineModule, emit, type RequestContext } from '@cppcc/kit';

/**
 * Two small modules for the fault suite, served by the kit's runtime exactly as a subgraph is
 * (serve-tally.ts): a producer whose mutation commits a row and its event in one transaction,
 * and a consumer that records each event it applies. The tally table has no unique key on the
 * event, so an event applied twice shows as two rows.
 */
export const tallyRecorded = defineEvent(
  'tally.recorded',
  z.object({ n: z.number().int() }),
  'fault suite: one counted write',
);

export const ProducedSchema = defineEntity({
  name: 'Produced',
  tableName: 'produced',
  properties: { id: p.integer().primary().autoincrement(), n: p.integer(), eventId: p.string() },
});

export const TallySchema = defineEntity({
  name: 'Tally',
  tableName: 'tally',
  properties: { id: p.integer().primary().autoincrement(), n: p.integer(), eventId: p.string() },
});

const table = (name: string) =>
  defineMigration(`Migration20260101000000_${name}`, (knex) =>
    knex.schema.createTable(name, (t) => {
      t.increments('id').primary();
      t.integer('n').notNullable();
      t.string('event_id').notNullable();
    }),
  );

const producerSchema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, RequestContext>({
    name: 'Query',
    fields: {
      produced: {
        type: new GraphQLNonNull(GraphQLInt),
        resolve: (_, __, ctx) => ctx.em.count(ProducedSchema, {}),
      },
    },
  }),
  mutation: new GraphQLObjectType<unknown, RequestContext>({
    name: 'Mutation',
    fields: {
      recordTally: {
        type: new GraphQLNonNull(GraphQLID),
        args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_, args: { n: number }, ctx) =>
          ctx.em.transactional(async (tx) => {
            const event = emit(tx, ctx.module, tallyRecorded, { n: args.n }, null);
            tx.create(ProducedSchema, { n: args.n, eventId: event.id });
            return event.id;
          }),
      },
    },
  }),
});

const consumerSchema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, RequestContext>({
    name: 'Query',
    fields: {
      tallied: {
        type: new GraphQLNonNull(GraphQLInt),
        resolve: (_, __, ctx) => ctx.em.count(TallySchema, {}),
      },
    },
  }),
});

export const tallyProducer = defineModule({
  name: 'tally-producer',
  port: 0,
  schema: producerSchema,
  entities: [ProducedSchema],
  migrations: [table('produced')],
  emits: [tallyRecorded],
});

export const tallyConsumer = defineModule({
  name: 'tally-consumer',
  port: 0,
  schema: consumerSchema,
  entities: [TallySchema],
  migrations: [table('tally')],
  consumes: {
    [tallyRecorded.type]: async (em, event) => {
      em.create(TallySchema, { n: (event.payload as { n: number }).n, eventId: event.id });
    },
  },
});
