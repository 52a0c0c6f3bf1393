import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ProposalsSubject } from './instruction.entity.js';

/**
 * Read-only copy of the proposals subgraph's filed proposals and issued opinion items, fed by
 * `instruction_subject.registered`: what an instruction on one needs without a call — its
 * district, its title, whose archives hear of it and who besides the district's office reads it.
 */
export const InstructionSubjectRefSchema = defineEntity({
  name: 'InstructionSubjectRef',
  tableName: 'instruction_subject_ref',
  uniques: [{ properties: ['subjectType', 'subjectId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    subjectType: p.string().$type<ProposalsSubject>(),
    subjectId: p.integer(),
    district: p.string().length(12),
    title: p.string(),
    memberIds: p.json<number[]>(),
    readerIds: p.json<number[]>(),
  },
});
export type InstructionSubjectRef = InferEntity<typeof InstructionSubjectRefSchema>;
