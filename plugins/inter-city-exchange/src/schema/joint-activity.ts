import {
  capped,
  z,
  foundRows,
  listBoundArg,
  parseId,
  requirePermission,
  describedValues,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { recordJointActivity, recordJointActivityOutcome } from '../commands/activities.js';
import {
  CooperationMechanismSchema,
  MechanismMemberSchema,
} from '../entities/cooperation-mechanism.entity.js';
import {
  JOINT_ACTIVITY_KINDS,
  JointActivitySchema,
  type JointActivity,
} from '../entities/joint-activity.entity.js';
import { CooperationMechanismType, MechanismCommitteeType } from './cooperation-mechanism.js';
import { text } from './partner-committee.js';
import { ResearchProjectRef } from './refs.js';

const KindType = builder.enumType('JointActivityKind', {
  description: '联动活动类别 The kind of a joint activity with partner committees.',
  values: describedValues(JOINT_ACTIVITY_KINDS, {
    JOINT_RESEARCH: '联动调研 Joint research with partner committees.',
    JOINT_SUPERVISION: '联动监督 Joint democratic supervision.',
  }),
});

export const JointActivityType = builder.objectRef<JointActivity>('JointActivity').implement({
  description: '联合调研 / 联动民主监督 by the committees of a cooperation mechanism.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The JointActivity's id." }),
    kind: t.field({
      description: '联动活动类别 The kind of a joint activity with partner committees.',
      type: KindType,
      resolve: (a) => a.kind,
    }),
    topic: t.exposeString('topic', { description: '主题 What it is about.' }),
    mechanism: t.field({
      description: '合作机制 The mechanism it belongs to.',
      type: CooperationMechanismType,
      nullable: true,
      resolve: (a, _args, ctx) => ctx.loaders.one(CooperationMechanismSchema).load(a.mechanismId),
    }),
    participants: t.field({
      type: [MechanismCommitteeType],
      description: 'The committees taking part.',
      resolve: async (a, _args, ctx) =>
        foundRows(await ctx.loaders.one(MechanismMemberSchema).loadMany(a.participantIds)),
    }),
    researchProjectId: t.exposeID('researchProjectId', {
      nullable: true,
      description: 'The consultation research project this is the joint side of.',
    }),
    researchProject: t.field({
      description: '调研课题 The research project it is part of, if any.',
      type: ResearchProjectRef,
      nullable: true,
      resolve: (a) => (a.researchProjectId ? { id: a.researchProjectId } : null),
    }),
    startsOn: t.expose('startsOn', { description: '开始日期 Its first day.', type: 'Date' }),
    endsOn: t.expose('endsOn', {
      description: '结束日期 Its last day; null while it runs.',
      type: 'Date',
      nullable: true,
    }),
    outcome: t.exposeString('outcome', {
      description: '成果 What came of it; null until recorded.',
      nullable: true,
    }),
  }),
});

builder.objectField(ResearchProjectRef, 'jointActivities', (t) =>
  t.field({
    type: [JointActivityType],
    nullable: true,
    description:
      "The inter-city side of this research project: joint research or supervision with other cities' committees.",
    resolve: (p, _args, ctx) =>
      ctx.loaders.many(JointActivitySchema, 'researchProjectId').load(String(p.id)),
  }),
);

builder.objectField(CooperationMechanismType, 'jointActivities', (t) =>
  t.field({
    description: '联动活动 The joint activities under the mechanism.',
    type: [JointActivityType],
    args: listBoundArg(t, 'joint activities'),
    resolve: async (m, { first }, ctx) =>
      capped(await ctx.loaders.many(JointActivitySchema, 'mechanismId').load(m.id), first),
  }),
);

const ActivityInput = builder.inputType('RecordJointActivityInput', {
  description: 'What `recordJointActivity` takes.',
  fields: (t) => ({
    mechanismId: t.id({ description: "The mechanism's id.", required: true }),
    kind: t.field({
      description: '联动活动类别 The kind of a joint activity with partner committees.',
      type: KindType,
      required: true,
    }),
    topic: t.string({
      description: 'What it is about: trimmed, 1 to 200 characters.',
      required: true,
      validate: text(200),
    }),
    researchProjectId: t.id({
      required: false,
      description: 'A consultation ResearchProject id, when the joint work is one.',
    }),
    participantIds: t.idList({
      required: true,
      description: 'MechanismCommittee ids, at least two.',
    }),
    startsOn: t.field({ description: 'Its first day.', type: 'Date', required: true }),
    endsOn: t.field({
      description: 'Its last day, if it has ended.',
      type: 'Date',
      required: false,
    }),
    outcome: t.string({
      description: 'What came of it: at most 20,000 characters.',
      required: false,
      validate: z.string().max(20_000).optional().nullable(),
    }),
  }),
});

builder.mutationFields((t) => ({
  recordJointActivity: t.field({
    type: JointActivityType,
    description: 'Records joint research or joint democratic supervision (needs meeting.record).',
    args: {
      input: t.arg({
        description: 'What `recordJointActivity` takes (`RecordJointActivityInput`).',
        type: ActivityInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => {
      requirePermission(ctx, 'meeting.record');
      return recordJointActivity(ctx, {
        mechanismId: parseId(input.mechanismId, 'input.mechanismId'),
        kind: input.kind,
        topic: input.topic.trim(),
        researchProjectId:
          input.researchProjectId == null
            ? null
            : String(parseId(input.researchProjectId, 'input.researchProjectId')),
        participantIds: input.participantIds.map((id, i) =>
          parseId(id, `input.participantIds.${i}`),
        ),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        outcome: input.outcome?.trim() || null,
      });
    },
  }),
  recordJointActivityOutcome: t.field({
    type: JointActivityType,
    description: 'Closes a joint activity with its outcome (needs meeting.record).',
    args: {
      id: t.arg.id({ description: "The JointActivity's id.", required: true }),
      endsOn: t.arg({ description: "The activity's last day.", type: 'Date', required: true }),
      outcome: t.arg.string({
        description: 'What came of it: trimmed, 1 to 20,000 characters.',
        required: true,
        validate: text(20_000),
      }),
    },
    resolve: (_root, { id, endsOn, outcome }, ctx) => {
      requirePermission(ctx, 'meeting.record');
      return recordJointActivityOutcome(ctx, parseId(id), endsOn, outcome.trim());
    },
  }),
}));
