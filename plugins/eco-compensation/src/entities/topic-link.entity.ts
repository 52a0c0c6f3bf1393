import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const LINK_KINDS = [
  'research_project',
  'consultation_activity',
  'proposal',
  'recommendation',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Ties a round to a record of a core module, by that record's id (a federation reference). */
export const TopicLinkSchema = defineEntity({
  name: 'TopicLink',
  tableName: 'eco_link',
  uniques: [{ properties: ['roundId', 'kind', 'targetId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    public: p.boolean().default(true),
    roundId: p.integer().index(),
    kind: p.string().$type<LinkKind>(),
    targetId: p.string().index(),
    note: p.text().nullable(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
  },
});
export type TopicLink = InferEntity<typeof TopicLinkSchema>;
