import { pageArgs, type Page } from '@cppcc/kit';
import { builder } from '../builder.js';
import { ConsultationActivitySchema, type ConsultationActivity } from '../entities/consultation-activity.entity.js';
import { ParticipantSchema } from '../entities/participant.entity.js';
import { ConsultationActivityConnection } from './consultation-activity.js';

/** Member is the members subgraph's entity; this subgraph adds the activities they took part in. */
export const MemberRef = builder.externalRef('Member', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    consultations: t.field({
      type: ConsultationActivityConnection,
      nullable: true,
      args: pageArgs(t),
      resolve: async (m, args, ctx): Promise<Page<ConsultationActivity>> => {
        const seats = await ctx.loaders.page(ParticipantSchema, 'memberId', args).load(Number(m.id));
        const activities = await ctx.loaders.one(ConsultationActivitySchema).loadMany(seats.edges.map((e) => e.node.activityId));
        // The cursor stays the participation's, so the next page continues where this one ended.
        const edges = seats.edges.flatMap((e, i) => {
          const node = activities[i];
          return node && !(node instanceof Error) ? [{ cursor: e.cursor, node }] : [];
        });
        return { ...seats, edges };
      },
    }),
  }),
});
