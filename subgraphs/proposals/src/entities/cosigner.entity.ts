import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const COSIGNER_STATUSES = ['INVITED', 'ACCEPTED', 'DECLINED', 'REVOKED'] as const;
export type CosignerStatus = (typeof COSIGNER_STATUSES)[number];

/** A member invited to co-sign (联名) a joint proposal, who accepts or declines before `respondBy`. */
export const CosignerSchema = defineEntity({
  name: 'Cosigner',
  tableName: 'proposal_cosigner',
  uniques: [{ properties: ['proposalId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().index(),
    memberId: p.integer().index(),
    status: p.string().$type<CosignerStatus>(),
    /** Last day to answer, YYYY-MM-DD. */
    respondBy: p.string().length(10),
    respondedAt: p.datetime().nullable(),
    /** INVITATION, or MERGE when the author of a merged proposal joined this one. */
    source: p.string().default('INVITATION'),
  },
});
export type Cosigner = InferEntity<typeof CosignerSchema>;
