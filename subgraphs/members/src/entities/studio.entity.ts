import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 委员工作室: a member studio led by one member, with resident members who take reception duty. Public. */
export const MemberStudioSchema = defineEntity({
  name: 'MemberStudio',
  tableName: 'member_studio',
  // The period its list offers (migration studio-period-index).
  indexes: [{ name: 'member_studio_opened_on_id_index', properties: ['openedOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    name: p.string(),
    location: p.string(),
    /** Reception rules, e.g. "每周三上午接待群众". */
    rules: p.text().nullable(),
    leadMemberId: p.integer().index(),
    openedOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type MemberStudio = InferEntity<typeof MemberStudioSchema>;

/** A resident member (入驻委员) of a studio. */
export const StudioResidentSchema = defineEntity({
  name: 'StudioResident',
  tableName: 'studio_resident',
  uniques: [{ properties: ['studioId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    studioId: p.integer().index(),
    memberId: p.integer().index(),
    joinedOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type StudioResident = InferEntity<typeof StudioResidentSchema>;

export const SHIFT_STATUSES = ['SCHEDULED', 'SERVED', 'MISSED', 'CANCELLED'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];

/** One dated reception duty (值班) on a studio's rota. */
export const StudioShiftSchema = defineEntity({
  name: 'StudioShift',
  tableName: 'studio_shift',
  uniques: [{ properties: ['studioId', 'memberId', 'shiftOn'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    studioId: p.integer().index(),
    memberId: p.integer().index(),
    shiftOn: p.string().length(10),
    status: p.string().$type<ShiftStatus>(),
    public: p.boolean().default(true),
    version: p.integer().version(),
  },
});
export type StudioShift = InferEntity<typeof StudioShiftSchema>;

export const RECEPTION_STATUSES = ['RECORDED', 'PASSED_ON', 'CLOSED'] as const;
export type ReceptionStatus = (typeof RECEPTION_STATUSES)[number];
export const ISSUE_TARGETS = ['PROPOSAL_DRAFT', 'OPINION_ITEM'] as const;
export type IssueTarget = (typeof ISSUE_TARGETS)[number];

/** A reception (接待): who came, what they raised, and what became of it. Visitors' details are not public. */
export const StudioReceptionSchema = defineEntity({
  name: 'StudioReception',
  tableName: 'studio_reception',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    studioId: p.integer().index(),
    /** The member who received the visitors. */
    memberId: p.integer().index(),
    receivedOn: p.string().length(10),
    visitors: p.integer(),
    title: p.string(),
    detail: p.text(),
    status: p.string().$type<ReceptionStatus>(),
    target: p.string().$type<IssueTarget>().nullable(),
    public: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type StudioReception = InferEntity<typeof StudioReceptionSchema>;

/** 乡镇（街道）政协工作召集人: the convenor of CPPCC work in a township, often its deputy Party secretary. Public. */
export const TownshipConvenorSchema = defineEntity({
  name: 'TownshipConvenor',
  tableName: 'township_convenor',
  uniques: [{ properties: ['district', 'township'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    township: p.string(),
    name: p.string(),
    post: p.string(),
    /** Set when the convenor is a member. */
    memberId: p.integer().nullable(),
    since: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type TownshipConvenor = InferEntity<typeof TownshipConvenorSchema>;
