import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const COMMITTEE_STATUSES = ['ACTIVE', 'MERGED', 'DISSOLVED'] as const;
export type CommitteeStatus = (typeof COMMITTEE_STATUSES)[number];

export const SpecialCommitteeSchema = defineEntity({
  name: 'SpecialCommittee',
  tableName: 'special_committee',
  // The filters its list offers (migration filter-indexes).
  indexes: [{ name: 'special_committee_status_id_index', properties: ['status', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    name: p.string(),
    functions: p.text(),
    status: p.string().$type<CommitteeStatus>().default('ACTIVE'),
    establishedOn: p.date().nullable(),
    public: p.boolean().default(true),
  },
});
export type SpecialCommittee = InferEntity<typeof SpecialCommitteeSchema>;
