import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

export const JOINT_ACTIVITY_KINDS = ['JOINT_RESEARCH', 'JOINT_SUPERVISION'] as const;
export type JointActivityKind = (typeof JOINT_ACTIVITY_KINDS)[number];

/** 联合调研 / 联动民主监督 under a mechanism, optionally the local side of a consultation research project. */
export const JointActivitySchema = defineEntity({
  name: 'JointActivity',
  tableName: 'intercity_activity',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    mechanismId: p.integer().index(),
    kind: p.string().$type<JointActivityKind>(),
    topic: p.string(),
    /** Consultation's ResearchProject id; consultation owns the project, this is a reference. */
    researchProjectId: p.string().nullable().index(),
    /** Mechanism members (MechanismMember ids) taking part. */
    participantIds: p.json<number[]>(),
    startsOn: p.string().length(10),
    endsOn: p.string().length(10).nullable(),
    outcome: p.text().nullable(),
    public: p.boolean().default(true),
  },
});
export type JointActivity = InferEntity<typeof JointActivitySchema>;
