import { pageArgs, type Page } from '@cppcc/kit';
import { builder } from '../builder.js';
import {
  ConsultationActivitySchema,
  type ConsultationActivity,
} from '../entities/consultation-activity.entity.js';
import { ParticipantSchema } from '../entities/participant.entity.js';
import { ConsultationActivityConnection } from './consultation-activity.js';

/** Member is the members subgraph's entity; this subgraph adds what they take part in. */
export const MemberRef = builder
  .externalRef('Member', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });

builder.objectField(MemberRef, 'consultations', (t) =>
  t.field({
    type: ConsultationActivityConnection,
    nullable: true,
    args: pageArgs(t),
    description:
      'Activities the member is invited to or took part in. Their own non-public ones only to themselves.',
    resolve: async (m, args, ctx): Promise<Page<ConsultationActivity>> => {
      // A member's own participation is theirs to see even where the district filter would hide it.
      const own = ctx.caller.memberId === String(m.id);
      const seats = await ctx.loaders
        .page(ParticipantSchema, 'memberId', args, {}, own)
        .load(Number(m.id));
      const ids = seats.edges.map((e) => e.node.activityId);
      const activities = own
        ? (await ctx.loaders.many(ConsultationActivitySchema, 'id', {}, true).loadMany(ids)).map(
            (r) => (r instanceof Error ? null : (r[0] ?? null)),
          )
        : await ctx.loaders.one(ConsultationActivitySchema).loadMany(ids);
      // The cursor stays the participation's, so the next page continues where this one ended.
      const edges = seats.edges.flatMap((e, i) => {
        const node = activities[i];
        return node && !(node instanceof Error) ? [{ cursor: e.cursor, node }] : [];
      });
      return { ...seats, edges };
    },
  }),
);
