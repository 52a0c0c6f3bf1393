import { defineEntity, p } from '@mikro-orm/core';
import { z } from 'zod';
import { defineMigration, inputError } from '@cppcc/kit';
import { proposalHonoured } from '@cppcc/events';
import { definePlugin, pluginBuilder, requirePermissionIn, settingsOf } from './manifest.js';

/**
 * A small plugin the SDK, platform and gateway tests install: one table, a query, a mutation,
 * a field on District, a permission, a setting that the mutation obeys, and a handler for
 * another module's event.
 */
const NoteSchema = defineEntity({
  name: 'SampleNote',
  tableName: 'sample_note',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    text: p.string(),
    public: p.boolean().default(true),
  },
});

const migration = defineMigration('Migration20261128000000_sample_notes', (knex) =>
  knex.schema.createTable('sample_note', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable();
    t.string('text').notNullable();
    t.boolean('public').notNullable().defaultTo(true);
  }),
);

const builder = pluginBuilder('sample-notes');
const Note = builder
  .objectRef<{ id: number; district: string; text: string }>('SampleNote')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      district: t.exposeString('district'),
      text: t.exposeString('text'),
    }),
  });
const District = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    externalFields: (t) => ({ code: t.id() }),
  });
builder.objectField(District, 'sampleNotes', (t) =>
  t.field({
    type: [Note],
    nullable: true,
    resolve: (d, _a, ctx) =>
      ctx.em.find(NoteSchema, { district: d.code }, { orderBy: { id: 'asc' } }),
  }),
);
builder.queryField('sampleNotes', (t) =>
  t.field({
    type: [Note],
    nullable: true,
    resolve: (_r, _a, ctx) => ctx.em.find(NoteSchema, {}, { orderBy: { id: 'asc' } }),
  }),
);
builder.mutationType({});
builder.mutationField('addSampleNote', (t) =>
  t.field({
    type: Note,
    args: { district: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      await requirePermissionIn(ctx, 'note.add', String(args.district));
      const { maxLength } = await settingsOf<{ maxLength: number }>(ctx, String(args.district));
      if (args.text.length > maxLength)
        throw inputError(
          'text',
          'max-length',
          `at most ${maxLength} characters (this district's setting)`,
        );
      return ctx.em.transactional(async (em) =>
        em.create(NoteSchema, { district: String(args.district), text: args.text, public: true }),
      );
    },
  }),
);

export const samplePlugin = definePlugin({
  id: 'sample-notes',
  title: { zh: '示例便笺', en: 'Sample notes' },
  version: '1.0.0',
  description: 'Notes per district; exists for the platform’s own tests.',
  port: 4299,
  extends: ['District'],
  builder,
  entities: [NoteSchema],
  migrations: [migration],
  // A district's honoured proposal becomes a note there: a plugin handling a core module's event.
  consumes: {
    [proposalHonoured.type]: async (em, event) => {
      const honoured = proposalHonoured.payload.parse(event.payload);
      em.create(NoteSchema, {
        district: event.district ?? '341000',
        text: `${honoured.caseNumber} ${honoured.honour}`,
        public: true,
      });
    },
  },
  permissions: { 'note.add': { description: 'add notes', roles: ['staff', 'operator'] } },
  settings: z.object({ maxLength: z.number().int().positive().max(1000).default(20) }),
  demo: { enabledIn: ['341000', '341022'], disabledIn: ['341021'] },
});
