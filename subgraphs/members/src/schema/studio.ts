import {
  canSeeDistrict,
  findPage,
  connectionType,
  pageArgs,
  parseId,
  type RequestContext,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  districtWhere,
  includeBelowArg,
  periodArgs,
  periodWhere,
  LIST_CAP,
  listBoundArg,
  readPageSize,
  capped,
  nodeType,
} from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  addStudioResident,
  appointConvenor,
  createStudio,
  moveReception,
  moveShift,
  recordReception,
  scheduleShift,
} from '../commands/studios.js';
import { MemberSchema } from '../entities/member.entity.js';
import {
  MemberStudioSchema,
  RECEPTION_STATUSES,
  SHIFT_STATUSES,
  StudioReceptionSchema,
  StudioResidentSchema,
  StudioShiftSchema,
  TownshipConvenorSchema,
  type MemberStudio,
  type StudioReception,
  type StudioShift,
  type TownshipConvenor,
} from '../entities/studio.entity.js';
import { receptionWorkflow, shiftWorkflow } from '../workflow.js';
import { DistrictRef } from './district.js';
import { MemberType } from './member.js';

const ShiftStatusType = builder.enumType('StudioShiftStatus', {
  description:
    '值班状态 Where a studio rota shift stands: SCHEDULED → SERVED | MISSED | CANCELLED.',
  values: describedValues(SHIFT_STATUSES, {
    SCHEDULED: '已排班 On the rota; it may be served, missed or cancelled.',
    SERVED: '已值班 Served.',
    MISSED: '缺岗 Missed.',
    CANCELLED: '已取消 Cancelled.',
  }),
});
const ReceptionStatusType = builder.enumType('StudioReceptionStatus', {
  description: '接待状态 Where a studio reception stands: RECORDED → PASSED_ON | CLOSED.',
  values: describedValues(RECEPTION_STATUSES, {
    RECORDED: '已登记 Recorded; the issue may be passed on or closed.',
    PASSED_ON: '已转办 The issue was passed on (as a proposal draft or an opinion item).',
    CLOSED: '已办结 Answered on the spot; nothing to pass on.',
  }),
});
const IssueTargetType = builder.enumType('StudioIssueTarget', {
  description: '转办去向 What an issue raised at a studio reception is passed on as.',
  values: {
    PROPOSAL_DRAFT: { description: 'A proposal draft for the receiving member.' },
    OPINION_ITEM: { description: 'A public-opinion item (社情民意).' },
  } as const,
});

const member = (id: number, ctx: RequestContext) =>
  ctx.loaders
    .one(MemberSchema)
    .load(id)
    .then((m) => m!);

/** The lead and resident members of a studio (one query per request for every studio asked for). */
async function team(ctx: RequestContext, studio: MemberStudio): Promise<Set<number>> {
  const residents = await ctx.loaders.many(StudioResidentSchema, 'studioId').load(studio.id);
  return new Set([studio.leadMemberId, ...residents.map((r) => r.memberId)]);
}

export const StudioShiftType = builder.objectRef<StudioShift>('StudioShift').implement({
  description:
    "One dated reception duty on a studio's rota; a served shift is a duty event of its member.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The StudioShift's id." }),
    shiftOn: t.expose('shiftOn', { description: '值班日期 The day of the shift.', type: 'Date' }),
    status: t.field({
      description: '值班状态 Where a studio rota shift stands.',
      type: ShiftStatusType,
      resolve: (s) => s.status,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    member: t.field({
      description: '值班委员 The member on duty.',
      type: MemberType,
      resolve: (s, _args, ctx) => member(s.memberId, ctx),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (s, _args, ctx) => shiftWorkflow.available(ctx, s),
    }),
  }),
});

export const StudioReceptionType = builder.objectRef<StudioReception>('StudioReception').implement({
  description:
    '接待: visitors a studio member received and the issue they raised; it may be passed on as a proposal draft or an opinion item, which then names it (proposalDraft / opinionItemDraft, added by proposals).',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The StudioReception's id." }),
    receivedOn: t.expose('receivedOn', {
      description: '接待日期 The day of the reception.',
      type: 'Date',
    }),
    visitors: t.exposeInt('visitors', { description: '来访人数 How many came.' }),
    title: t.exposeString('title', { description: '标题 What it was about.' }),
    detail: t.exposeString('detail', { description: '情况 What the visitors raised.' }),
    status: t.field({
      description: '接待状态 Where a studio reception stands.',
      type: ReceptionStatusType,
      resolve: (r) => r.status,
    }),
    target: t.field({
      description: '转办去向 What an issue raised at a studio reception is passed on as.',
      type: IssueTargetType,
      nullable: true,
      resolve: (r) => r.target ?? null,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    member: t.field({
      description: '接待委员 The member who received them.',
      type: MemberType,
      resolve: (r, _args, ctx) => member(r.memberId, ctx),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (r, _args, ctx) => receptionWorkflow.available(ctx, r),
    }),
  }),
});

/**
 * One reception as the studio's receptions list shows it: to the studio's lead and residents and
 * the district's office roles (canSeeDistrict), else null.
 */
async function visibleReception(ctx: RequestContext, id: number): Promise<StudioReception | null> {
  const [reception] = await ctx.loaders.many(StudioReceptionSchema, 'id', {}, true).load(id);
  if (!reception) return null;
  if (canSeeDistrict(ctx.caller, reception.district)) return reception;
  if (ctx.caller.memberId === null) return null;
  const studio = await ctx.loaders.one(MemberStudioSchema).load(reception.studioId);
  return studio && (await team(ctx, studio)).has(Number(ctx.caller.memberId)) ? reception : null;
}

// Resolved by key (proposals points from a draft at the reception it came from) as the studio's
// receptions list shows it.
nodeType(builder, StudioReceptionType, visibleReception);

export const MemberStudioType = builder.objectRef<MemberStudio>('MemberStudio').implement({
  description:
    '委员工作室: a member studio, its lead and resident members, its duty rota and receptions.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The MemberStudio's id." }),
    name: t.exposeString('name', { description: "名称 The studio's name." }),
    location: t.exposeString('location', { description: '地址 Where it is.' }),
    rules: t.exposeString('rules', {
      description: '制度 Its working rules, if written.',
      nullable: true,
    }),
    openedOn: t.expose('openedOn', { description: '设立日期 The day it opened.', type: 'Date' }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (s) => ({ code: s.district }),
    }),
    lead: t.field({
      description: '负责人 The member who leads it.',
      type: MemberType,
      resolve: (s, _args, ctx) => member(s.leadMemberId, ctx),
    }),
    residents: t.field({
      description: '驻室委员 The members working in it.',
      type: [MemberType],
      resolve: async (s, _args, ctx) =>
        Promise.all(
          (await ctx.loaders.many(StudioResidentSchema, 'studioId').load(s.id)).map((r) =>
            member(r.memberId, ctx),
          ),
        ),
    }),
    rota: t.field({
      type: [StudioShiftType],
      description: 'Duty shifts, in date order.',
      args: {
        from: t.arg({ type: 'Date', required: false, description: 'From this day (YYYY-MM-DD).' }),
        ...listBoundArg(t, 'shifts'),
      },
      resolve: async (s, { from, first }, ctx) =>
        capped(
          (await ctx.loaders.many(StudioShiftSchema, 'studioId').load(s.id))
            .filter((x) => !from || x.shiftOn >= from)
            .sort((a, b) => a.shiftOn.localeCompare(b.shiftOn) || a.id - b.id),
          first,
        ),
    }),
    receptions: t.field({
      type: [StudioReceptionType],
      description:
        "Receptions, newest first. The studio's members and their district staff only; others get an empty list.",
      args: listBoundArg(t, 'receptions'),
      resolve: async (s, { first }, ctx) => {
        const mine =
          ctx.caller.memberId !== null && (await team(ctx, s)).has(Number(ctx.caller.memberId));
        if (!mine && !canSeeDistrict(ctx.caller, s.district)) return [];
        const rows = await ctx.loaders.many(StudioReceptionSchema, 'studioId', {}, true).load(s.id);
        return capped(
          [...rows].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.id - a.id),
          first,
        );
      },
    }),
  }),
});

builder.objectField(MemberType, 'studio', (t) =>
  t.field({
    type: MemberStudioType,
    nullable: true,
    description: 'The studio the member leads, or else the one they are resident in.',
    resolve: async (m, _args, ctx) => {
      const led = await ctx.loaders.many(MemberStudioSchema, 'leadMemberId').load(m.id);
      if (led.length) return led[0];
      const resident = await ctx.loaders.many(StudioResidentSchema, 'memberId').load(m.id);
      return resident.length
        ? ctx.loaders.one(MemberStudioSchema).load(resident[0].studioId)
        : null;
    },
  }),
);

const StudioConnection = connectionType<MemberStudio>(builder, 'MemberStudio', MemberStudioType);

builder.queryField('studios', (t) =>
  t.field({
    description:
      "委员工作室 Member studios, by district. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: StudioConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...includeBelowArg(t),
      ...periodArgs(t, 'opening day (openedOn)'),
      ...pageArgs(t),
    },
    resolve: async (_root, { district, includeBelow, from, to, first, after, last, before }, ctx) =>
      findPage(
        ctx.em,
        MemberStudioSchema,
        {
          ...periodWhere('openedOn', { from, to }),
          ...(await districtWhere(ctx, district, includeBelow)),
        },
        { first, after, last, before },
      ),
  }),
);

export const TownshipConvenorType = builder
  .objectRef<TownshipConvenor>('TownshipConvenor')
  .implement({
    description: '乡镇（街道）政协工作召集人: who convenes CPPCC work in a township.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The TownshipConvenor's id." }),
      township: t.exposeString('township', { description: '乡镇 The township.' }),
      name: t.exposeString('name', { description: "姓名 The convenor's name." }),
      post: t.exposeString('post', { description: 'e.g. 乡镇党委副书记.' }),
      since: t.expose('since', {
        description: '任职日期 The first day in the post.',
        type: 'Date',
      }),
      district: t.field({
        description: 'The district whose committee it belongs to.',
        type: DistrictRef,
        nullable: true,
        resolve: (c) => ({ code: c.district }),
      }),
      member: t.field({
        description: '委员 The convenor as a member, if they are one.',
        type: MemberType,
        nullable: true,
        resolve: (c, _args, ctx) =>
          c.memberId ? ctx.loaders.one(MemberSchema).load(c.memberId) : null,
      }),
    }),
  });

builder.queryField('townshipConvenors', (t) =>
  t.field({
    description: `乡镇（街道）政协工作召集人 The township convenors of a district, by township (at most ${LIST_CAP}: a district has far fewer townships).`,
    type: [TownshipConvenorType],
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      ...listBoundArg(t, 'convenors'),
    },
    resolve: (_root, { district, first }, ctx) =>
      ctx.em.find(
        TownshipConvenorSchema,
        { district: String(district) },
        { orderBy: { township: 'asc' }, limit: readPageSize({ first }, LIST_CAP).limit },
      ),
  }),
);

const text = (min: number, max: number) =>
  z.string().trim().min(min, `must have at least ${min} characters`).max(max);

const StudioInput = builder.inputType('CreateStudioInput', {
  description: 'What `createStudio` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    name: t.string({
      description: 'The name: trimmed, 2 to 60 characters.',
      required: true,
      validate: text(2, 60),
    }),
    location: t.string({
      description: 'Where it is: trimmed, 2 to 120 characters.',
      required: true,
      validate: text(2, 120),
    }),
    rules: t.string({
      description: 'Its working rules: at most 1,000 characters.',
      required: false,
      validate: z.string().max(1000),
    }),
    leadMemberId: t.id({ description: 'The id of the member who leads it.', required: true }),
    openedOn: t.field({ description: 'The day it opens.', type: 'Date', required: true }),
  }),
});

builder.mutationField('createStudio', (t) =>
  t.field({
    description:
      'Staff open a member studio (委员工作室) in their district, led by a member of that district.',
    type: MemberStudioType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `createStudio` takes (`CreateStudioInput`).',
        type: StudioInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      createStudio(ctx, {
        district: String(input.district),
        name: input.name.trim(),
        location: input.location.trim(),
        rules: input.rules?.trim() || null,
        leadMemberId: parseId(input.leadMemberId, 'input.leadMemberId'),
        openedOn: input.openedOn,
      }),
  }),
);

builder.mutationField('addStudioResident', (t) =>
  t.field({
    description:
      "Staff add a member of the studio's district as a resident member from `joinedOn`; a member already resident is refused (CONFLICT).",
    type: MemberStudioType,
    authScopes: { staff: true },
    args: {
      studioId: t.arg.id({ description: "The studio's id.", required: true }),
      memberId: t.arg.id({ description: "The member's id.", required: true }),
      joinedOn: t.arg({ description: 'The day they join.', type: 'Date', required: true }),
    },
    resolve: async (_root, a, ctx) => {
      const resident = await addStudioResident(
        ctx,
        parseId(a.studioId, 'studioId'),
        parseId(a.memberId, 'memberId'),
        a.joinedOn,
      );
      return (await ctx.em.findOne(
        MemberStudioSchema,
        { id: resident.studioId },
        { filters: false },
      ))!;
    },
  }),
);

builder.mutationField('scheduleStudioShift', (t) =>
  t.field({
    type: StudioShiftType,
    description: "Staff put a lead or resident member on the studio's rota for a day.",
    authScopes: { staff: true },
    args: {
      studioId: t.arg.id({ description: "The studio's id.", required: true }),
      memberId: t.arg.id({ description: 'The id of the member on duty.', required: true }),
      shiftOn: t.arg({ description: 'The day of the shift.', type: 'Date', required: true }),
    },
    resolve: (_root, a, ctx) =>
      scheduleShift(
        ctx,
        parseId(a.studioId, 'studioId'),
        parseId(a.memberId, 'memberId'),
        a.shiftOn,
      ),
  }),
);

for (const [field, action, description] of [
  [
    'serveStudioShift',
    'serve',
    "The member on duty (or staff) marks the shift served; it enters the member's duty record.",
  ],
  ['missStudioShift', 'miss', 'Staff mark a shift nobody served.'],
  ['cancelStudioShift', 'cancel', 'Staff take a shift off the rota.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: StudioShiftType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ description: "The StudioShift's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        moveShift(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}

const ReceptionInput = builder.inputType('RecordStudioReceptionInput', {
  description: 'What `recordStudioReception` takes.',
  fields: (t) => ({
    studioId: t.id({ description: "The studio's id.", required: true }),
    memberId: t.id({ required: false, description: 'The receiving member; default: the caller.' }),
    receivedOn: t.field({ description: 'The day of the reception.', type: 'Date', required: true }),
    visitors: t.int({
      description: 'How many came: 1 to 1,000.',
      required: true,
      validate: z.number().int().min(1, 'at least one visitor').max(1000),
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    detail: t.string({
      description: 'What the visitors raised: trimmed, 10 to 5,000 characters.',
      required: true,
      validate: text(10, 5000),
    }),
  }),
});

builder.mutationField('recordStudioReception', (t) =>
  t.field({
    description:
      '接待 A lead or resident member records a reception they held at the studio (staff may record one for them, naming the member).',
    type: StudioReceptionType,
    authScopes: { authenticated: true },
    args: {
      input: t.arg({
        description: 'What `recordStudioReception` takes (`RecordStudioReceptionInput`).',
        type: ReceptionInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordReception(ctx, {
        studioId: parseId(input.studioId, 'input.studioId'),
        memberId: input.memberId ? parseId(input.memberId, 'input.memberId') : null,
        receivedOn: input.receivedOn,
        visitors: input.visitors,
        title: input.title.trim(),
        detail: input.detail.trim(),
      }),
  }),
);

builder.mutationField('passOnStudioIssue', (t) =>
  t.field({
    type: StudioReceptionType,
    description:
      'The receiving member (or staff) passes the issue on to proposals as a proposal draft or an opinion item.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The StudioReception's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      target: t.arg({
        description: 'Where the issue goes.',
        type: IssueTargetType,
        required: true,
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, { id, version, target, note }, ctx) =>
      moveReception(ctx, parseId(id), 'passOn', version, target, note ?? null),
  }),
);

builder.mutationField('closeStudioReception', (t) =>
  t.field({
    type: StudioReceptionType,
    description: 'The issue was answered on the spot: nothing to pass on.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The StudioReception's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, { id, version, note }, ctx) =>
      moveReception(ctx, parseId(id), 'close', version, null, note ?? null),
  }),
);

const ConvenorInput = builder.inputType('AppointTownshipConvenorInput', {
  description: 'What `appointTownshipConvenor` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    township: t.string({
      description: 'The township: trimmed, 2 to 40 characters.',
      required: true,
      validate: text(2, 40),
    }),
    name: t.string({
      description: "The convenor's name: trimmed, 2 to 40 characters.",
      required: true,
      validate: text(2, 40),
    }),
    post: t.string({
      description: "The convenor's post: trimmed, 2 to 60 characters.",
      required: true,
      validate: text(2, 60),
    }),
    memberId: t.id({
      description: "The convenor's member id, if they are a member.",
      required: false,
    }),
    since: t.field({ description: 'The first day in the post.', type: 'Date', required: true }),
  }),
});

builder.mutationField('appointTownshipConvenor', (t) =>
  t.field({
    type: TownshipConvenorType,
    description: "Staff appoint a township's convenor, replacing the last one; audited.",
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `appointTownshipConvenor` takes (`AppointTownshipConvenorInput`).',
        type: ConvenorInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      appointConvenor(ctx, {
        district: String(input.district),
        township: input.township.trim(),
        name: input.name.trim(),
        post: input.post.trim(),
        memberId: input.memberId ? parseId(input.memberId, 'input.memberId') : null,
        since: input.since,
      }),
  }),
);
