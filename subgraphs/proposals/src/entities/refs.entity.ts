import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Replica of the members subgraph's member facts (member.registered), for co-signer and sector checks. */
export const MemberRefSchema = defineEntity({
  name: 'MemberRef',
  tableName: 'member_ref',
  properties: {
    id: p.integer().primary().autoincrement(false),
    district: p.string().length(12),
    name: p.string(),
    sectorId: p.integer(),
    status: p.string(),
  },
});
export type MemberRef = InferEntity<typeof MemberRefSchema>;

/** Replica of organization's government units (government_unit.registered), to check handling units. */
export const UnitRefSchema = defineEntity({
  name: 'UnitRef',
  tableName: 'unit_ref',
  properties: {
    id: p.integer().primary().autoincrement(false),
    district: p.string().length(12),
    name: p.string(),
    short: p.string(),
    active: p.boolean(),
  },
});
export type UnitRef = InferEntity<typeof UnitRefSchema>;

export const CONSULTATION_REF_KINDS = ['ACTIVITY', 'RESEARCH'] as const;
export type ConsultationRefKind = (typeof CONSULTATION_REF_KINDS)[number];

/**
 * Replica of consultation's activities and research projects (consultation_activity.registered,
 * research_project.registered): what a key proposal may name as its origin. The highest version
 * per record wins. Rows written by an earlier build of this branch from attendance events have
 * version 0 and no status, so the first registration replaces them.
 */
export const ConsultationRefSchema = defineEntity({
  name: 'ConsultationRef',
  tableName: 'consultation_ref',
  properties: {
    kind: p.string().$type<ConsultationRefKind>().primary(),
    id: p.integer().primary().autoincrement(false),
    district: p.string().length(12),
    title: p.string(),
    /** The activity's status or the project's phase. */
    status: p.string().nullable(),
    version: p.integer().default(0),
  },
});
export type ConsultationRef = InferEntity<typeof ConsultationRefSchema>;

/**
 * What the statistics count of leaders' instructions on proposals and items, which consultation
 * owns: one row per instruction, from instruction.received (instructionId) or, for a row of the
 * old instruction table, copied at the upgrade (legacyId) and given its id once consultation took
 * it over (instruction.taken_over).
 */
export const InstructionRefSchema = defineEntity({
  name: 'InstructionRef',
  tableName: 'instruction_ref',
  properties: {
    id: p.integer().primary().autoincrement(),
    instructionId: p.integer().nullable().unique(),
    legacyId: p.integer().nullable().unique(),
    district: p.string().length(12),
    subjectType: p.string().$type<'PROPOSAL' | 'OPINION_ITEM'>(),
    subjectId: p.integer().index(),
    level: p.string().$type<'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'DISTRICT'>(),
    instructedOn: p.string().length(10),
  },
});
export type InstructionRef = InferEntity<typeof InstructionRefSchema>;
