import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 重点提案: chosen by the chair meeting, supervised by a named leader (领衔督办). */
export const KeyProposalSchema = defineEntity({
  name: 'KeyProposal',
  tableName: 'key_proposal',
  // The period its list offers (migration period-indexes).
  indexes: [
    { name: 'key_proposal_chair_meeting_on_id_index', properties: ['chairMeetingOn', 'id'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().unique(),
    district: p.string().length(12).index(),
    year: p.integer(),
    chairMeetingOn: p.string().length(10),
    leaderName: p.string(),
    /** e.g. 市委书记, 市长, 政协主席. */
    leaderTitle: p.string(),
    /** The city's (or district's) top Party leader: the report counts those. */
    topLeader: p.boolean().default(false),
    /**
     * 一体两用: the consultation activity or research project (consultation subgraph) whose work
     * this key proposal carries on; the same research serves as consultation outcome and proposal.
     */
    consultationId: p.integer().nullable(),
    researchProjectId: p.integer().nullable(),
  },
});
export type KeyProposal = InferEntity<typeof KeyProposalSchema>;

export const SUPERVISION_KINDS = ['MEETING', 'PROGRESS_REPORT'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/** A supervision meeting (督办协商会) or a progress report on a key proposal. */
export const SupervisionSchema = defineEntity({
  name: 'Supervision',
  tableName: 'key_proposal_supervision',
  properties: {
    id: p.integer().primary().autoincrement(),
    keyProposalId: p.integer().index(),
    kind: p.string().$type<SupervisionKind>(),
    heldOn: p.string().length(10),
    text: p.text(),
    recordedBy: p.string().nullable(),
  },
});
export type Supervision = InferEntity<typeof SupervisionSchema>;
