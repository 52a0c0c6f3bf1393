import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const VISIT_STATES = ['PLANNED', 'HELD', 'REPORTED', 'CANCELLED'] as const;
export type VisitState = (typeof VISIT_STATES)[number];
export const VISIT_DIRECTIONS = ['OUTGOING', 'INCOMING'] as const;
export type VisitDirection = (typeof VISIT_DIRECTIONS)[number];

/**
 * 考察交流/互访 between the district's committee and a partner committee: OUTGOING when the
 * district's delegation goes to the partner, INCOMING when the partner comes.
 */
export const ExchangeVisitSchema = defineEntity({
  name: 'ExchangeVisit',
  tableName: 'intercity_visit',
  // The period its list offers (migration period-indexes).
  indexes: [{ name: 'intercity_visit_starts_on_id_index', properties: ['startsOn', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    partnerId: p.integer().index(),
    mechanismId: p.integer().nullable(),
    direction: p.string().$type<VisitDirection>(),
    startsOn: p.string().length(10),
    endsOn: p.string().length(10),
    topics: p.json<string[]>(),
    /** The head of the partner's delegation on an incoming visit. */
    guestLeader: p.string().nullable(),
    outcomes: p.text().nullable(),
    reportedOn: p.string().length(10).nullable(),
    status: p.string().$type<VisitState>(),
    public: p.boolean().default(true),
  },
});
export type ExchangeVisit = InferEntity<typeof ExchangeVisitSchema>;

/** A local member in a visit's delegation (the one with `leader` heads it). Same district and visibility as the visit. */
export const VisitDelegateSchema = defineEntity({
  name: 'VisitDelegate',
  tableName: 'intercity_visit_delegate',
  uniques: [{ properties: ['visitId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    visitId: p.integer().index(),
    memberId: p.string().index(),
    leader: p.boolean().default(false),
    public: p.boolean().default(true),
  },
});
export type VisitDelegate = InferEntity<typeof VisitDelegateSchema>;
