import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LIAISON_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type LiaisonStatus = (typeof LIAISON_STATUSES)[number];

/** 对口联系: a special committee paired with a government unit of its district. Public. */
export const LiaisonPairSchema = defineEntity({
  name: 'LiaisonPair',
  tableName: 'liaison_pair',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'liaison_pair_since_id_index', properties: ['since', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    committeeId: p.integer().index(),
    unitId: p.integer().index(),
    since: p.string().length(10),
    until: p.string().length(10).nullable(),
    status: p.string().$type<LiaisonStatus>(),
    public: p.boolean().default(true),
  },
});
export type LiaisonPair = InferEntity<typeof LiaisonPairSchema>;

/** A liaison visit, briefing or joint research of a pair. */
export const LiaisonActivitySchema = defineEntity({
  name: 'LiaisonActivity',
  tableName: 'liaison_activity',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    pairId: p.integer().index(),
    title: p.string(),
    heldOn: p.string().length(10),
    summary: p.text(),
    public: p.boolean().default(true),
  },
});
export type LiaisonActivity = InferEntity<typeof LiaisonActivitySchema>;
