import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const MECHANISM_STATES = ['ACTIVE', 'SUSPENDED', 'ENDED'] as const;
export type MechanismState = (typeof MECHANISM_STATES)[number];

/** 交流合作机制: committees of several cities that agreed to work together, with their founding agreement. */
export const CooperationMechanismSchema = defineEntity({
  name: 'CooperationMechanism',
  tableName: 'intercity_mechanism',
  // The period its list offers (migration mechanism-period-index).
  indexes: [
    {
      name: 'intercity_mechanism_agreement_signed_on_id_index',
      properties: ['agreementSignedOn', 'id'],
    },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    name: p.string(),
    agreementTitle: p.string(),
    agreementSignedOn: p.string().length(10),
    agreementText: p.text(),
    status: p.string().$type<MechanismState>(),
    createdBy: p.string().nullable(),
    public: p.boolean().default(true),
  },
});
export type CooperationMechanism = InferEntity<typeof CooperationMechanismSchema>;

/**
 * One committee of a mechanism: a partner committee of another city, or a district of this
 * platform (by code). `position` is its place in the hosting rotation, from 0.
 */
export const MechanismMemberSchema = defineEntity({
  name: 'MechanismMember',
  tableName: 'intercity_mechanism_member',
  uniques: [{ properties: ['mechanismId', 'position'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    mechanismId: p.integer().index(),
    position: p.integer(),
    partnerId: p.integer().nullable(),
    localDistrict: p.string().length(12).nullable(),
    public: p.boolean().default(true),
  },
});
export type MechanismMember = InferEntity<typeof MechanismMemberSchema>;
