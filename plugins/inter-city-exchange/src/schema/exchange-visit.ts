import {
  z,
  addDays,
  connectionType,
  DistrictRefSchema,
  findPage,
  pageArgs,
  periodArgs,
  periodWhere,
  parseId,
  type RequestContext,
  requirePermission,
  settingsOf,
  describedValues,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  districtWhere,
  includeBelowArg,
  nodeType,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import {
  cancelExchangeVisit,
  holdExchangeVisit,
  planExchangeVisit,
  reportExchangeVisit,
} from '../commands/visits.js';
import { CooperationMechanismSchema } from '../entities/cooperation-mechanism.entity.js';
import {
  ExchangeVisitSchema,
  VISIT_DIRECTIONS,
  VISIT_STATES,
  VisitDelegateSchema,
  type ExchangeVisit,
  type VisitDelegate,
} from '../entities/exchange-visit.entity.js';
import { PartnerCommitteeSchema } from '../entities/partner-committee.entity.js';
import type { InterCitySettings } from '../settings.js';
import { visitWorkflow } from '../workflow.js';
import { CooperationMechanismType } from './cooperation-mechanism.js';
import { PartnerCommitteeType, text } from './partner-committee.js';
import { DistrictRef, MemberRef } from './refs.js';

const VisitStatusType = builder.enumType('ExchangeVisitStatus', {
  description: '考察状态 Where an exchange visit stands: PLANNED → HELD → REPORTED, or CANCELLED.',
  values: describedValues(VISIT_STATES, {
    PLANNED: '计划 Planned; may be held or cancelled.',
    HELD: '已进行 Held; its report may be recorded.',
    REPORTED: '已报告 Reported; no further steps.',
    CANCELLED: '已取消 Cancelled.',
  }),
});
const DirectionType = builder.enumType('ExchangeVisitDirection', {
  description: '考察方向 Whether this committee visits or is visited.',
  values: describedValues(VISIT_DIRECTIONS, {
    OUTGOING: '走出去 This committee visits a partner.',
    INCOMING: '请进来 A partner visits this committee.',
  }),
});

const DelegateType = builder.objectRef<VisitDelegate>('VisitDelegate').implement({
  description: "考察团成员 A member of an exchange visit's delegation.",
  fields: (t) => ({
    member: t.field({
      description: '委员 The member in the delegation.',
      type: MemberRef,
      resolve: (d) => ({ id: d.memberId }),
    }),
    leader: t.exposeBoolean('leader', { description: 'Heads the delegation (团长).' }),
  }),
});

const delegatesOf = (v: ExchangeVisit, ctx: RequestContext) =>
  ctx.loaders.many(VisitDelegateSchema, 'visitId', {}, true).load(v.id);
const partnerName = async (v: ExchangeVisit, ctx: RequestContext) =>
  (await ctx.loaders.one(PartnerCommitteeSchema).load(v.partnerId))?.name ?? null;

export const ExchangeVisitType = builder.objectRef<ExchangeVisit>('ExchangeVisit').implement({
  description: '考察交流/互访 between the district’s committee and another city’s.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ExchangeVisit's id." }),
    direction: t.field({
      description: '考察方向 Whether this committee visits or is visited.',
      type: DirectionType,
      resolve: (v) => v.direction,
    }),
    district: t.field({
      type: DistrictRef,
      description: 'The local committee.',
      resolve: (v) => ({ code: v.district }),
    }),
    partner: t.field({
      description: '对方政协 The partner committee visited or visiting.',
      type: PartnerCommitteeType,
      nullable: true,
      resolve: (v, _args, ctx) => ctx.loaders.one(PartnerCommitteeSchema).load(v.partnerId),
    }),
    fromCommittee: t.string({
      nullable: true,
      description: 'Name of the visiting committee.',
      resolve: async (v, _args, ctx) =>
        v.direction === 'INCOMING' ? partnerName(v, ctx) : localName(v, ctx),
    }),
    toCommittee: t.string({
      nullable: true,
      description: 'Name of the host committee.',
      resolve: async (v, _args, ctx) =>
        v.direction === 'OUTGOING' ? partnerName(v, ctx) : localName(v, ctx),
    }),
    mechanism: t.field({
      description: '合作机制 The mechanism it belongs to, if any.',
      type: CooperationMechanismType,
      nullable: true,
      resolve: (v, _args, ctx) =>
        v.mechanismId == null
          ? null
          : ctx.loaders.one(CooperationMechanismSchema).load(v.mechanismId),
    }),
    startsOn: t.expose('startsOn', {
      description: "开始日期 The visit's first day.",
      type: 'Date',
    }),
    endsOn: t.expose('endsOn', { description: "结束日期 The visit's last day.", type: 'Date' }),
    topics: t.exposeStringList('topics', { description: '考察主题 What the visit looks into.' }),
    // The visit is visible to this caller, so its delegation is too: delegates share its district and flag.
    delegation: t.field({
      description: '代表团 The members in the delegation.',
      type: [DelegateType],
      resolve: (v, _args, ctx) => delegatesOf(v, ctx),
    }),
    leader: t.field({
      description: '团长 The member who leads the delegation, if one does.',
      type: MemberRef,
      nullable: true,
      resolve: async (v, _args, ctx) => {
        const lead = (await delegatesOf(v, ctx)).find((d) => d.leader);
        return lead ? { id: lead.memberId } : null;
      },
    }),
    guestLeader: t.exposeString('guestLeader', {
      nullable: true,
      description: 'Head of the partner’s delegation on an incoming visit.',
    }),
    outcomes: t.exposeString('outcomes', {
      description: '成果 What came of it; null until reported.',
      nullable: true,
    }),
    reportedOn: t.expose('reportedOn', {
      description: '报告日期 The day it was reported; null until then.',
      type: 'Date',
      nullable: true,
    }),
    reportDueOn: t.field({
      type: 'Date',
      description:
        'When the outcomes report is due: the end of the visit plus the district’s visitReportDeadlineDays.',
      resolve: async (v, _args, ctx) =>
        addDays(
          v.endsOn,
          (await settingsOf<InterCitySettings>(ctx, v.district)).visitReportDeadlineDays,
        ),
    }),
    reportLate: t.boolean({
      description: 'The report came after it was due.',
      resolve: async (v, _args, ctx) =>
        v.reportedOn != null &&
        v.reportedOn >
          addDays(
            v.endsOn,
            (await settingsOf<InterCitySettings>(ctx, v.district)).visitReportDeadlineDays,
          ),
    }),
    status: t.field({
      description: '考察状态 Where an exchange visit stands.',
      type: VisitStatusType,
      resolve: (v) => v.status,
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (v, _args, ctx) => visitWorkflow.available(ctx, v),
    }),
  }),
});

async function localName(v: ExchangeVisit, ctx: RequestContext): Promise<string> {
  return (await ctx.loaders.one(DistrictRefSchema, 'code').load(v.district))?.name ?? v.district;
}

export const ExchangeVisitConnection = connectionType<ExchangeVisit>(
  builder,
  'ExchangeVisit',
  ExchangeVisitType,
);

builder.queryFields((t) => ({
  exchangeVisits: t.field({
    description:
      "考察交流 Exchange visits, by district, partner committee and status; `from`/`to` bound the first day (`startsOn`, inclusive). Paged; what the caller may see. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: ExchangeVisitConnection,
    nullable: true,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...includeBelowArg(t),
      partnerId: t.arg.id({
        description: 'Only visits with this partner committee.',
        required: false,
      }),
      status: t.arg({
        description: 'Only visits in this state.',
        type: VisitStatusType,
        required: false,
      }),
      ...periodArgs(t, 'first day (startsOn)'),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { district, includeBelow, partnerId, status, from, to, first, after, last, before },
      ctx,
    ) =>
      findPage(
        ctx.em,
        ExchangeVisitSchema,
        {
          ...periodWhere('startsOn', { from, to }),
          ...(await districtWhere(ctx, district, includeBelow)),
          ...(partnerId ? { partnerId: parseId(partnerId, 'partnerId') } : {}),
          ...(status ? { status } : {}),
        },
        { first, after, last, before },
      ),
  }),
  exchangeVisit: t.field({
    description:
      "考察交流 One exchange visit by id, or null when it does not exist or the caller may not see it. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: ExchangeVisitType,
    nullable: true,
    args: { id: t.arg.id({ description: "The ExchangeVisit's id.", required: true }) },
    resolve: (_root, { id }, ctx) =>
      ctx.loaders.one(ExchangeVisitSchema).load(parseId(id, 'id', 'ExchangeVisit')),
  }),
}));

nodeType(builder, ExchangeVisitType, (ctx, id) => ctx.loaders.one(ExchangeVisitSchema).load(id));

const VisitInput = builder.inputType('PlanExchangeVisitInput', {
  description: 'What `planExchangeVisit` takes.',
  fields: (t) => ({
    district: t.id({ required: true, description: 'The local committee.' }),
    partnerId: t.id({ description: "The partner committee's id.", required: true }),
    mechanismId: t.id({
      required: false,
      description: 'The mechanism the visit belongs to, if any.',
    }),
    direction: t.field({
      description: '考察方向 Whether this committee visits or is visited.',
      type: DirectionType,
      required: true,
    }),
    startsOn: t.field({ description: "The visit's first day.", type: 'Date', required: true }),
    endsOn: t.field({ description: "The visit's last day.", type: 'Date', required: true }),
    topics: t.stringList({
      description: 'What it looks into: at least one, each 1 to 200 characters.',
      required: true,
      validate: z.array(text(200)).min(1, 'needs at least one topic').max(20),
    }),
    delegation: t.idList({
      required: true,
      description: 'Local members in the delegation (on an incoming visit: those who received it).',
    }),
    leaderId: t.id({ required: false, description: 'The delegation’s head; one of delegation.' }),
    guestLeader: t.string({
      description: "The visiting leader's name: at most 100 characters.",
      required: false,
      validate: z.string().trim().max(100).optional().nullable(),
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
      defaultValue: true,
    }),
  }),
});

builder.mutationFields((t) => ({
  planExchangeVisit: t.field({
    type: ExchangeVisitType,
    description: 'Plans a visit to or from a partner committee (needs visit.record).',
    args: {
      input: t.arg({
        description: 'What `planExchangeVisit` takes (`PlanExchangeVisitInput`).',
        type: VisitInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => {
      requirePermission(ctx, 'visit.record');
      return planExchangeVisit(ctx, {
        district: String(input.district),
        partnerId: parseId(input.partnerId, 'input.partnerId'),
        mechanismId:
          input.mechanismId == null ? null : parseId(input.mechanismId, 'input.mechanismId'),
        direction: input.direction,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        topics: input.topics.map((s) => s.trim()),
        delegation: input.delegation.map((id, i) => String(parseId(id, `input.delegation.${i}`))),
        leaderId: input.leaderId == null ? null : String(parseId(input.leaderId, 'input.leaderId')),
        guestLeader: input.guestLeader?.trim() || null,
        public: input.public ?? true,
      });
    },
  }),
  holdExchangeVisit: t.field({
    type: ExchangeVisitType,
    description:
      'Records that the visit took place; each local delegate gets a duty record entry (needs visit.record).',
    args: {
      visitId: t.arg.id({ description: "The visit's id.", required: true }),
      note: t.arg.string({
        description: NOTE_DESCRIPTION,
        required: false,
        validate: z.string().max(2000).optional().nullable(),
      }),
    },
    resolve: (_root, { visitId, note }, ctx) => {
      requirePermission(ctx, 'visit.record');
      return holdExchangeVisit(ctx, parseId(visitId, 'visitId'), note ?? null);
    },
  }),
  reportExchangeVisit: t.field({
    type: ExchangeVisitType,
    description: 'Records a held visit’s outcomes (needs visit.record).',
    args: {
      visitId: t.arg.id({ description: "The visit's id.", required: true }),
      outcomes: t.arg.string({
        description: 'What came of it: trimmed, 1 to 20,000 characters.',
        required: true,
        validate: text(20_000),
      }),
      reportedOn: t.arg({ description: 'The day it is reported.', type: 'Date', required: true }),
    },
    resolve: (_root, { visitId, outcomes, reportedOn }, ctx) => {
      requirePermission(ctx, 'visit.record');
      return reportExchangeVisit(ctx, parseId(visitId, 'visitId'), outcomes.trim(), reportedOn);
    },
  }),
  cancelExchangeVisit: t.field({
    type: ExchangeVisitType,
    description: 'Calls off a planned visit (needs visit.record).',
    args: {
      visitId: t.arg.id({ description: "The visit's id.", required: true }),
      reason: t.arg.string({
        description: 'Why: trimmed, 1 to 1,000 characters.',
        required: true,
        validate: text(1000),
      }),
    },
    resolve: (_root, { visitId, reason }, ctx) => {
      requirePermission(ctx, 'visit.record');
      return cancelExchangeVisit(ctx, parseId(visitId, 'visitId'), reason.trim());
    },
  }),
}));
