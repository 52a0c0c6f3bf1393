import {
  z,
  connectionType,
  DistrictRefSchema,
  findPage,
  pageArgs,
  parseId,
  requirePermission,
  TITLE_DESCRIPTION,
  titleSchema,
  describedValues,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  districtWhere,
  includeBelowArg,
  periodArgs,
  periodWhere,
  nodeType,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { createCooperationMechanism, transitionMechanism } from '../commands/mechanisms.js';
import { nextTurn } from '../commands/meetings.js';
import {
  CooperationMechanismSchema,
  MECHANISM_STATES,
  MechanismMemberSchema,
  type CooperationMechanism,
  type MechanismMember,
} from '../entities/cooperation-mechanism.entity.js';
import { PartnerCommitteeSchema } from '../entities/partner-committee.entity.js';
import { mechanismWorkflow } from '../workflow.js';
import { PartnerCommitteeType, text } from './partner-committee.js';
import { DistrictRef } from './refs.js';

export const MechanismStatusType = builder.enumType('CooperationMechanismStatus', {
  description:
    '合作机制状态 Where an inter-city cooperation mechanism stands: ACTIVE ⇄ SUSPENDED → ENDED.',
  values: describedValues(MECHANISM_STATES, {
    ACTIVE: '运行中 In operation; may be suspended or ended.',
    SUSPENDED: '暂停 Suspended; may be resumed or ended.',
    ENDED: '已终止 Ended; no further steps.',
  }),
});

export const MechanismCommitteeType = builder
  .objectRef<MechanismMember>('MechanismCommittee')
  .implement({
    description:
      'One committee of a cooperation mechanism, in its hosting rotation: a partner committee or a district here.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The MechanismCommittee's id." }),
      position: t.exposeInt('position', { description: 'Place in the hosting rotation, from 0.' }),
      local: t.boolean({
        description: 'A district committee of this platform.',
        resolve: (m) => m.localDistrict != null,
      }),
      name: t.string({
        description: "名称 The committee's name.",
        resolve: async (m, _args, ctx) =>
          m.localDistrict != null
            ? ((await ctx.loaders.one(DistrictRefSchema, 'code').load(m.localDistrict))?.name ??
              m.localDistrict)
            : ((await ctx.loaders.one(PartnerCommitteeSchema).load(m.partnerId!))?.name ??
              `partner ${m.partnerId}`),
      }),
      partner: t.field({
        description: '对方政协 The partner committee, when not one of ours.',
        type: PartnerCommitteeType,
        nullable: true,
        resolve: (m, _args, ctx) =>
          m.partnerId == null ? null : ctx.loaders.one(PartnerCommitteeSchema).load(m.partnerId),
      }),
      district: t.field({
        description: 'The district whose committee it belongs to.',
        type: DistrictRef,
        nullable: true,
        resolve: (m) => (m.localDistrict == null ? null : { code: m.localDistrict }),
      }),
    }),
  });

const AgreementType = builder.objectRef<CooperationMechanism>('FoundingAgreement').implement({
  description: 'The agreement (备忘录/框架协议) the mechanism was founded on.',
  fields: (t) => ({
    title: t.exposeString('agreementTitle', { description: "协议名称 The agreement's title." }),
    signedOn: t.expose('agreementSignedOn', {
      description: '签署日期 The day it was signed.',
      type: 'Date',
    }),
    text: t.exposeString('agreementText', { description: 'Its text or a summary of it.' }),
  }),
});

const NextTurnType = builder
  .objectRef<{ host: MechanismMember; session: number }>('NextJointChairsMeeting')
  .implement({
    description:
      "下次联席会议 The next joint chairs' meeting of a mechanism: its session number and host.",
    fields: (t) => ({
      session: t.exposeInt('session', { description: '届次 The number of the next meeting.' }),
      host: t.field({
        type: MechanismCommitteeType,
        description: 'Whose turn it is to host.',
        resolve: (n) => n.host,
      }),
    }),
  });

export const CooperationMechanismType = builder
  .objectRef<CooperationMechanism>('CooperationMechanism')
  .implement({
    description:
      '交流合作机制: committees of several cities working together (e.g. 长三角“三市一区”政协).',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The CooperationMechanism's id." }),
      name: t.exposeString('name', { description: "名称 The mechanism's name." }),
      status: t.field({
        description: '合作机制状态 Where an inter-city cooperation mechanism stands.',
        type: MechanismStatusType,
        resolve: (m) => m.status,
      }),
      district: t.field({
        type: DistrictRef,
        description: 'The district that keeps this record.',
        resolve: (m) => ({ code: m.district }),
      }),
      agreement: t.field({
        description: '协议 The agreement that founded it.',
        type: AgreementType,
        resolve: (m) => m,
      }),
      committees: t.field({
        type: [MechanismCommitteeType],
        description: 'In rotation order.',
        resolve: (m, _args, ctx) =>
          ctx.loaders.many(MechanismMemberSchema, 'mechanismId').load(m.id),
      }),
      nextMeeting: t.field({
        type: NextTurnType,
        description: 'The session number and host the rotation names next.',
        resolve: (m, _args, ctx) => nextTurn(ctx, m),
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (m, _args, ctx) => mechanismWorkflow.available(ctx, m),
      }),
    }),
  });

export const CooperationMechanismConnection = connectionType<CooperationMechanism>(
  builder,
  'CooperationMechanism',
  CooperationMechanismType,
);

builder.queryFields((t) => ({
  cooperationMechanisms: t.field({
    description:
      "交流合作机制 Inter-city cooperation mechanisms, by district and status, paged; what the caller may see. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CooperationMechanismConnection,
    nullable: true,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...includeBelowArg(t),
      status: t.arg({
        description: 'Only mechanisms in this state.',
        type: MechanismStatusType,
        required: false,
      }),
      ...periodArgs(t, "founding agreement's signing day (agreement.signedOn)"),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { district, includeBelow, status, from, to, first, after, last, before },
      ctx,
    ) =>
      findPage(
        ctx.em,
        CooperationMechanismSchema,
        {
          ...periodWhere('agreementSignedOn', { from, to }),
          ...(await districtWhere(ctx, district, includeBelow)),
          ...(status ? { status } : {}),
        },
        { first, after, last, before },
      ),
  }),
  cooperationMechanism: t.field({
    description:
      "交流合作机制 One cooperation mechanism by id, or null when it does not exist or the caller may not see it. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CooperationMechanismType,
    nullable: true,
    args: { id: t.arg.id({ description: "The CooperationMechanism's id.", required: true }) },
    resolve: (_root, { id }, ctx) =>
      ctx.loaders.one(CooperationMechanismSchema).load(parseId(id, 'id', 'CooperationMechanism')),
  }),
}));

nodeType(builder, CooperationMechanismType, (ctx, id) =>
  ctx.loaders.one(CooperationMechanismSchema).load(id),
);

const CommitteeInput = builder.inputType('MechanismCommitteeInput', {
  description:
    'Exactly one of partnerId (another city’s committee) and district (a district here).',
  fields: (t) => ({
    partnerId: t.id({
      description: "The partner committee's id, for a committee not ours.",
      required: false,
    }),
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: false,
    }),
  }),
});

const MechanismInput = builder.inputType('CreateCooperationMechanismInput', {
  description: 'What `createCooperationMechanism` takes.',
  fields: (t) => ({
    district: t.id({
      required: true,
      description: 'The district that keeps the record; it must be one of the committees.',
    }),
    name: t.string({
      description: 'The name: trimmed, 1 to 100 characters.',
      required: true,
      validate: text(100),
    }),
    agreementTitle: t.string({
      required: true,
      validate: titleSchema,
      description: TITLE_DESCRIPTION,
    }),
    agreementSignedOn: t.field({
      description: 'The day the founding agreement was signed.',
      type: 'Date',
      required: true,
    }),
    agreementText: t.string({
      description: "The agreement's text: trimmed, 1 to 20,000 characters.",
      required: true,
      validate: text(20_000),
    }),
    committees: t.field({
      type: [CommitteeInput],
      required: true,
      description: 'In hosting rotation order.',
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
      defaultValue: true,
    }),
  }),
});

const MechanismActionType = builder.enumType('CooperationMechanismAction', {
  description: '合作机制操作 A step on a cooperation mechanism.',
  values: describedValues(['suspend', 'resume', 'end'] as const, {
    suspend: '暂停 Suspend an active mechanism.',
    resume: '恢复 Resume a suspended one.',
    end: '终止 End it, active or suspended.',
  }),
});

builder.mutationFields((t) => ({
  createCooperationMechanism: t.field({
    type: CooperationMechanismType,
    description:
      'Records a cooperation mechanism with its founding agreement and rotation (needs mechanism.manage).',
    args: {
      input: t.arg({
        description: 'What `createCooperationMechanism` takes (`CreateCooperationMechanismInput`).',
        type: MechanismInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => {
      requirePermission(ctx, 'mechanism.manage');
      return createCooperationMechanism(ctx, {
        district: String(input.district),
        name: input.name.trim(),
        agreementTitle: input.agreementTitle.trim(),
        agreementSignedOn: input.agreementSignedOn,
        agreementText: input.agreementText.trim(),
        public: input.public ?? true,
        committees: input.committees.map((c, i) => ({
          partnerId:
            c.partnerId == null ? null : parseId(c.partnerId, `input.committees.${i}.partnerId`),
          district: c.district == null ? null : String(c.district),
        })),
      });
    },
  }),
  moveCooperationMechanism: t.field({
    type: CooperationMechanismType,
    description: 'Suspends, resumes or ends a mechanism (needs mechanism.manage).',
    args: {
      id: t.arg.id({ description: "The CooperationMechanism's id.", required: true }),
      action: t.arg({
        description: 'The step to take.',
        type: MechanismActionType,
        required: true,
      }),
      note: t.arg.string({
        description: NOTE_DESCRIPTION,
        required: false,
        validate: z.string().max(2000).optional().nullable(),
      }),
    },
    resolve: (_root, { id, action, note }, ctx) => {
      requirePermission(ctx, 'mechanism.manage');
      return transitionMechanism(ctx, parseId(id), action, note ?? null);
    },
  }),
}));
