import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const GENDERS = ['MALE', 'FEMALE'] as const;
export const MEMBER_STATUSES = ['ACTIVE', 'SUSPENDED', 'LEFT'] as const;

/** 委员: a member of a district's CPPCC committee. Name and public profile are public. */
export const MemberSchema = defineEntity({
  name: 'Member',
  tableName: 'member',
  // The filters its list offers (migration filter-indexes).
  indexes: [
    { name: 'member_standing_committee_id_index', properties: ['standingCommittee', 'id'] },
    // PostgreSQL only (migration 0014): a trigram index for nameContains.
    {
      name: 'member_name_trgm_index',
      expression:
        'create index "member_name_trgm_index" on "member" using gin ("name" gin_trgm_ops)',
    },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    name: p.string(),
    gender: p.string().$type<(typeof GENDERS)[number]>(),
    ethnicity: p.string(),
    party: p.string(),
    sectorId: p.integer().index(),
    workUnit: p.string(),
    title: p.string(),
    standingCommittee: p.boolean().default(false),
    /** The term (届) the member was appointed for; null: the district's current term. */
    termId: p.integer().nullable(),
    status: p.string().$type<(typeof MEMBER_STATUSES)[number]>().default('ACTIVE'),
    public: p.boolean().default(true),
  },
});
export type Member = InferEntity<typeof MemberSchema>;
