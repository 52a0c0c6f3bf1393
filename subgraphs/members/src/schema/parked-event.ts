import { connectionType, findPage, pageArgs } from '@cppcc/kit';
import { builder } from '../builder.js';
import { retryParkedEvents } from '../commands/retry-parked-events.js';
import { ParkedEventSchema, type ParkedEvent } from '../entities/parked-event.entity.js';

export const ParkedEventType = builder.objectRef<ParkedEvent>('ParkedEvent').implement({
  description: 'An event the duty record could not take yet, kept for staff to see and retry.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ParkedEvent's id." }),
    eventId: t.exposeString('eventId'),
    type: t.exposeString('type'),
    source: t.exposeString('source'),
    memberId: t.exposeID('memberId', {
      description: '0 when the event names no member it could be read for.',
    }),
    reason: t.exposeString('reason'),
    refused: t.exposeBoolean('refused', {
      description:
        'The event itself is wrong (it breaks its contract or forges a kind); no retry applies it.',
    }),
    parkedAt: t.field({ type: 'DateTime', resolve: (p) => p.parkedAt }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.resolvedAt ?? null }),
  }),
});

const ParkedEventConnection = connectionType<ParkedEvent>(builder, 'ParkedEvent', ParkedEventType);

builder.queryField('parkedEvents', (t) =>
  t.field({
    type: ParkedEventConnection,
    description:
      'Events for members this subgraph does not know, of the districts the caller administers. Staff only.',
    authScopes: { staff: true },
    args: {
      unresolvedOnly: t.arg.boolean({ required: false, defaultValue: true }),
      ...pageArgs(t),
    },
    resolve: (_root, { unresolvedOnly, first, after }, ctx) =>
      findPage(ctx.em, ParkedEventSchema, unresolvedOnly === false ? {} : { resolvedAt: null }, {
        first,
        after,
      }),
  }),
);

builder.mutationField('retryParkedEvents', (t) =>
  t.int({
    description:
      'Applies parked events whose member now exists; returns how many were applied. Staff only.',
    authScopes: { staff: true },
    resolve: (_root, _args, ctx) => retryParkedEvents(ctx),
  }),
);
