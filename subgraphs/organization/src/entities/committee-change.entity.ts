import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const COMMITTEE_CHANGE_KINDS = [
  'CREATED',
  'FUNCTIONS_ADJUSTED',
  'MERGED',
  'DISSOLVED',
] as const;
export type CommitteeChangeKind = (typeof COMMITTEE_CHANGE_KINDS)[number];

/**
 * One dated step in a committee's history. An institutional reform is the set of changes on
 * its day, so "added one committee, adjusted three" is counted from these rows. Public.
 */
export const CommitteeChangeSchema = defineEntity({
  name: 'CommitteeChange',
  tableName: 'committee_change',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    committeeId: p.integer().index(),
    kind: p.string().$type<CommitteeChangeKind>(),
    changedOn: p.string().length(10),
    nameBefore: p.string().nullable(),
    nameAfter: p.string().nullable(),
    functionsBefore: p.text().nullable(),
    functionsAfter: p.text().nullable(),
    mergedIntoId: p.integer().nullable(),
    note: p.text().nullable(),
    public: p.boolean().default(true),
  },
});
export type CommitteeChange = InferEntity<typeof CommitteeChangeSchema>;
