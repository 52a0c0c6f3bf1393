import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PROPOSAL_STATUSES = ['SUBMITTED', 'FILED', 'NOT_FILED', 'WITHDRAWN'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_CATEGORIES = ['经济建设', '农业农村', '生态环境', '社会事业', '文化旅游', '城市管理', '其他'] as const;

/** 提案. Public once filed; before that only its author and the district's staff see it. */
export const ProposalSchema = defineEntity({
  name: 'Proposal',
  tableName: 'proposal',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    caseNumber: p.string().nullable(),
    title: p.string(),
    category: p.string(),
    year: p.integer(),
    situation: p.text(),
    analysis: p.text(),
    suggestions: p.text(),
    status: p.string().$type<ProposalStatus>(),
    authorId: p.integer().index(),
    submittedAt: p.datetime(),
    filedAt: p.datetime().nullable(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type Proposal = InferEntity<typeof ProposalSchema>;
