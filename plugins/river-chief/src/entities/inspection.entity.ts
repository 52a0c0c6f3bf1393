import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const INSPECTION_STATES = ['PLANNED', 'HELD', 'REPORTED', 'CANCELLED'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

/**
 * Members' democratic supervision of a river section (河长制民主监督): planned, held with the
 * members who went, reported with findings — optionally linked to a filed proposal on the
 * river. Public once reported; the plan is the district office's.
 */
export const RiverChiefInspectionSchema = defineEntity({
  name: 'RiverChiefInspection',
  tableName: 'river_chief_inspection',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    riverId: p.integer().index(),
    status: p.string().$type<InspectionState>(),
    plannedOn: p.string().length(10),
    memberIds: p.json<string[]>(),
    findings: p.text().nullable(),
    proposalId: p.string().nullable(),
    public: p.boolean().default(false),
  },
});
export type RiverChiefInspection = InferEntity<typeof RiverChiefInspectionSchema>;

/** The plugin's copy of proposals past drafting (proposal.registered), to check a link. */
export const RiverChiefProposalSchema = defineEntity({
  name: 'RiverChiefProposal',
  tableName: 'river_chief_proposal',
  properties: {
    proposalId: p.string().primary(),
    district: p.string().length(12),
    title: p.string(),
    status: p.string(),
    version: p.integer(),
  },
});
export type RiverChiefProposal = InferEntity<typeof RiverChiefProposalSchema>;
