import { connectionType, findPage, pageArgs } from '@cppcc/kit';
import { builder } from '../builder.js';
import { retryParkedEvents } from '../commands/retry-parked-events.js';
import { ParkedEventSchema, type ParkedEvent } from '../entities/parked-event.entity.js';

export const ParkedEventType = builder.objectRef<ParkedEvent>('ParkedEvent').implement({
  description: 'An event the duty record could not take yet, kept for staff to see and retry.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ParkedEvent's id." }),
    eventId: t.exposeString('eventId', { description: '事件编号 The id of the bus event.' }),
    type: t.exposeString('type', { description: "事件类型 The event's type." }),
    source: t.exposeString('source', { description: '来源 The module that sent it.' }),
    memberId: t.exposeID('memberId', {
      description: '0 when the event names no member it could be read for.',
    }),
    reason: t.exposeString('reason', { description: '原因 Why it could not be applied.' }),
    refused: t.exposeBoolean('refused', {
      description:
        'The event itself is wrong (it breaks its contract or forges a kind); no retry applies it.',
    }),
    parkedAt: t.field({
      description: '暂存时间 When it was parked.',
      type: 'DateTime',
      resolve: (p) => p.parkedAt,
    }),
    resolvedAt: t.field({
      description: '处理时间 When it was applied or dismissed; null while parked.',
      type: 'DateTime',
      nullable: true,
      resolve: (p) => p.resolvedAt ?? null,
    }),
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
      unresolvedOnly: t.arg.boolean({
        description: 'Only events still parked (default true).',
        required: false,
        defaultValue: true,
      }),
      ...pageArgs(t),
    },
    resolve: (_root, { unresolvedOnly, first, after, last, before }, ctx) =>
      findPage(ctx.em, ParkedEventSchema, unresolvedOnly === false ? {} : { resolvedAt: null }, {
        first,
        after,
        last,
        before,
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
