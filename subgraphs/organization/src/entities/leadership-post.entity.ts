import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LEADERSHIP_ROLES = ['CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL'] as const;
export type LeadershipRole = (typeof LEADERSHIP_ROLES)[number];

/**
 * 班子成员: a member holding the chair (主席), a vice-chair (副主席) or the secretary-general
 * (秘书长) of a district's committee for a stretch of a term. A post ends (endsOn) rather than
 * being deleted, so "who led on that day" stays answerable. Public.
 */
export const LeadershipPostSchema = defineEntity({
  name: 'LeadershipPost',
  tableName: 'leadership_post',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    termId: p.integer().index(),
    memberId: p.integer().index(),
    role: p.string().$type<LeadershipRole>(),
    startsOn: p.string().length(10),
    endsOn: p.string().length(10).nullable(),
    public: p.boolean().default(true),
  },
});
export type LeadershipPost = InferEntity<typeof LeadershipPostSchema>;
