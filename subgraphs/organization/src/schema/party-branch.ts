import {
  appError,
  canSeeDistrict,
  connectionType,
  ErrorCode,
  findPage,
  hasRole,
  type Page,
  pageArgs,
  parseId,
  today,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  AVAILABLE_ACTIONS_DESCRIPTION,
  districtWhere,
  includeBelowArg,
  periodArgs,
  periodWhere,
  capped,
  listBoundArg,
} from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  dissolvePartyBranch,
  endBranchPlacement,
  establishPartyBranch,
  placeInBranch,
  recordBranchActivity,
  setBranchSecretary,
} from '../commands/party-branches.js';
import { branchWorkflow } from '../workflow.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';
import {
  BRANCH_ACTIVITY_KINDS,
  BRANCH_STATUSES,
  BranchActivitySchema,
  BranchPlacementSchema,
  PartyBranchSchema,
  PLACEMENT_STATUSES,
  type BranchActivity,
  type BranchPlacement,
  type PartyBranch,
} from '../entities/party-branch.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { AttendanceRecordType, attendanceOf, visibleAttendance } from './attendance.js';
import { MemberRef } from './member.js';
import { SpecialCommitteeType } from './special-committee.js';

export const BranchStatusType = builder.enumType('BranchStatus', {
  description: '支部状态 Whether a Party branch is active.',
  values: describedValues(BRANCH_STATUSES, {
    ACTIVE: '在册 Active; takes placements and activities.',
    DISSOLVED: '已撤销 Dissolved; takes no new placements or activities.',
  }),
});
export const PlacementStatusType = builder.enumType('PlacementStatus', {
  description: "支部编排状态 Whether a member's placement in a Party branch is current.",
  values: describedValues(PLACEMENT_STATUSES, {
    ACTIVE: '在支部 Placed in the branch now.',
    ENDED: '已结束 The placement ended.',
  }),
});
export const BranchActivityKindType = builder.enumType('BranchActivityKind', {
  values: describedValues(BRANCH_ACTIVITY_KINDS, {
    THEME_DAY: '主题党日 A themed Party day.',
    ORGANIZATION_LIFE: '组织生活 Regular organizational life.',
    STUDY: '学习 A study activity.',
    LECTURE_HALL: '大讲堂 A session of the lecture hall.',
    SERVICE: '服务 A service activity.',
  }),
  description: 'LECTURE_HALL: a session of the 大讲堂.',
});

export const BranchPlacementType = builder.objectRef<BranchPlacement>('BranchPlacement').implement({
  description:
    'A Party-member member placed in a functional branch. The member and their district staff only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The BranchPlacement's id." }),
    joinedOn: t.expose('joinedOn', {
      description: '编入日期 The day the member was placed in the branch.',
      type: 'Date',
    }),
    leftOn: t.expose('leftOn', {
      description: '离开日期 The day the placement ended; null while it is current.',
      type: 'Date',
      nullable: true,
    }),
    status: t.field({
      description: "支部编排状态 Whether a member's placement in a Party branch is current.",
      type: PlacementStatusType,
      resolve: (p) => p.status,
    }),
    member: t.field({
      description: '委员 The member placed.',
      type: MemberRef,
      nullable: true,
      resolve: (p) => ({ id: String(p.memberId) }),
    }),
  }),
});

export const BranchActivityType = builder.objectRef<BranchActivity>('BranchActivity').implement({
  description: '支部活动 An activity of a Party branch and who took part.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The BranchActivity's id." }),
    kind: t.field({
      description: 'LECTURE_HALL.',
      type: BranchActivityKindType,
      resolve: (a) => a.kind,
    }),
    title: t.exposeString('title', { description: "标题 The activity's title." }),
    heldOn: t.expose('heldOn', { description: '日期 The day it was held.', type: 'Date' }),
    speaker: t.exposeString('speaker', {
      description: '主讲人 Who spoke or led it, if anyone.',
      nullable: true,
    }),
    summary: t.exposeString('summary', { description: '内容 What was done.' }),
    participantCount: t.int({
      description: '参加人数 How many members took part (all of them, whoever may see the list).',
      resolve: async (a, _x, ctx) => (await attendanceOf(ctx, 'BRANCH_ACTIVITY', a.id)).length,
    }),
    participants: t.field({
      description: '参加人员 The members who took part; only what the caller may see.',
      type: [AttendanceRecordType],
      resolve: (a, _x, ctx) => visibleAttendance(ctx, 'BRANCH_ACTIVITY', a),
    }),
  }),
});

export const PartyBranchType = builder.objectRef<PartyBranch>('PartyBranch').implement({
  description: '功能型党支部: a functional Party branch hosted by a special committee. Public.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The PartyBranch's id." }),
    name: t.exposeString('name', { description: "名称 The branch's name." }),
    establishedOn: t.expose('establishedOn', {
      description: '成立日期 The day it was established.',
      type: 'Date',
    }),
    dissolvedOn: t.expose('dissolvedOn', {
      type: 'Date',
      nullable: true,
      description: 'Figures for periods ending on or after this day leave the branch out.',
    }),
    status: t.field({
      description: '支部状态 Whether a Party branch is active.',
      type: BranchStatusType,
      resolve: (b) => b.status,
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (b, _a, ctx) => branchWorkflow.available(ctx, b),
    }),
    secretarySince: t.expose('secretarySince', {
      description:
        '书记任职日期 The day the current secretary took office; null without a secretary.',
      type: 'Date',
      nullable: true,
    }),
    committee: t.field({
      description: '专委会 The special committee the branch is set up in.',
      type: SpecialCommitteeType,
      nullable: true,
      resolve: (b, _a, ctx) => ctx.loaders.one(SpecialCommitteeSchema).load(b.committeeId),
    }),
    secretary: t.field({
      description: "书记 The branch's current secretary, if any.",
      type: MemberRef,
      nullable: true,
      resolve: (b) => (b.secretaryId ? { id: String(b.secretaryId) } : null),
    }),
    partyMemberCount: t.int({
      description: 'Party-member members placed now.',
      resolve: async (b, _a, ctx) =>
        (
          await ctx.loaders
            .many(BranchPlacementSchema, 'branchId', { status: 'ACTIVE' }, true)
            .load(b.id)
        ).length,
    }),
    placements: t.field({
      type: [BranchPlacementType],
      description: "Names: the district's staff see all, a member their own placement.",
      resolve: async (b, _a, ctx) => {
        const rows = await ctx.loaders.many(BranchPlacementSchema, 'branchId', {}, true).load(b.id);
        if (hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, b.district)) return rows;
        return rows.filter((r) => ctx.caller.memberId === String(r.memberId));
      },
    }),
    activities: t.field({
      description: "支部活动 The branch's activities.",
      type: [BranchActivityType],
      args: listBoundArg(t, 'activities'),
      resolve: async (b, { first }, ctx) =>
        capped(await ctx.loaders.many(BranchActivitySchema, 'branchId').load(b.id), first),
    }),
  }),
});

builder.objectField(SpecialCommitteeType, 'partyBranch', (t) =>
  t.field({
    description: '功能型党支部 The Party branch set up in the committee, if any.',
    type: PartyBranchType,
    nullable: true,
    resolve: async (c, _a, ctx) =>
      (
        await ctx.loaders.many(PartyBranchSchema, 'committeeId', { status: 'ACTIVE' }).load(c.id)
      )[0] ?? null,
  }),
);

builder.objectField(MemberRef, 'partyBranch', (t) =>
  t.field({
    type: BranchPlacementType,
    nullable: true,
    description:
      "The member's current functional Party branch placement (organization). The member and their district staff only.",
    resolve: async (m, _a, ctx) => {
      const memberId = Number(m.id);
      const ref = await ctx.loaders.one(MemberRefSchema, 'memberId').load(memberId);
      const own = ctx.caller.memberId === String(memberId);
      if (
        !own &&
        !(ref && hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, ref.district))
      ) {
        throw appError(
          ErrorCode.FORBIDDEN,
          'partyBranch: only the member and their district staff may see it',
          { field: 'partyBranch' },
        );
      }
      return (
        (
          await ctx.loaders
            .many(BranchPlacementSchema, 'memberId', { status: 'ACTIVE' }, true)
            .load(memberId)
        )[0] ?? null
      );
    },
  }),
);

builder.objectField(BranchPlacementType, 'branch', (t) =>
  t.field({
    description: '支部 The branch the member is placed in.',
    type: PartyBranchType,
    nullable: true,
    resolve: (p, _a, ctx) => ctx.loaders.one(PartyBranchSchema).load(p.branchId),
  }),
);

const PartyBranchConnection = connectionType<PartyBranch>(builder, 'PartyBranch', PartyBranchType);

builder.queryField('partyBranches', (t) =>
  t.field({
    description:
      "功能型党支部 Functional Party branches in the special committees, by district. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: PartyBranchConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...includeBelowArg(t),
      ...periodArgs(t, 'founding day (establishedOn)'),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { district, includeBelow, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<PartyBranch>> =>
      findPage(
        ctx.em,
        PartyBranchSchema,
        {
          ...periodWhere('establishedOn', { from, to }),
          ...(await districtWhere(ctx, district, includeBelow)),
        },
        { first, after, last, before },
      ),
  }),
);

const EstablishInput = builder.inputType('EstablishPartyBranchInput', {
  description: 'What `establishPartyBranch` takes.',
  fields: (t) => ({
    committee: t.id({
      description: 'The id of the active special committee to set it up in.',
      required: true,
    }),
    name: t.string({
      description: 'The name: trimmed, 2 to 80 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(80),
    }),
    establishedOn: t.field({
      description: 'The day it is established.',
      type: 'Date',
      required: true,
    }),
  }),
});

builder.mutationField('establishPartyBranch', (t) =>
  t.field({
    description:
      'Staff establish a functional Party branch in an active special committee (a committee not active is refused, rule `status`).',
    type: PartyBranchType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `establishPartyBranch` takes (`EstablishPartyBranchInput`).',
        type: EstablishInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      establishPartyBranch(ctx, {
        committee: parseId(input.committee, 'input.committee'),
        name: input.name.trim(),
        establishedOn: input.establishedOn,
      }),
  }),
);

const PlaceInput = builder.inputType('PlaceInBranchInput', {
  description: 'What `placeInBranch` takes.',
  fields: (t) => ({
    branch: t.id({ description: "The branch's id.", required: true }),
    member: t.id({ description: "The member's id.", required: true }),
    joinedOn: t.field({
      description: 'The day the placement begins.',
      type: 'Date',
      required: true,
    }),
  }),
});

builder.mutationField('placeInBranch', (t) =>
  t.field({
    type: BranchPlacementType,
    description: '编入党支部: staff place a Party-member member of their district in a branch.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `placeInBranch` takes (`PlaceInBranchInput`).',
        type: PlaceInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      placeInBranch(ctx, {
        branch: parseId(input.branch, 'input.branch'),
        member: parseId(input.member, 'input.member'),
        joinedOn: input.joinedOn,
      }),
  }),
);

const EndPlacementInput = builder.inputType('EndBranchPlacementInput', {
  description: 'What `endBranchPlacement` takes.',
  fields: (t) => ({
    id: t.id({ description: "The BranchPlacement's id.", required: true }),
    leftOn: t.field({ description: "The placement's last day.", type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('endBranchPlacement', (t) =>
  t.field({
    description: "Staff end a member's ACTIVE placement in a branch (→ ENDED).",
    type: BranchPlacementType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `endBranchPlacement` takes (`EndBranchPlacementInput`).',
        type: EndPlacementInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      endBranchPlacement(ctx, parseId(input.id, 'input.id'), input.leftOn, input.note ?? null),
  }),
);

const SecretaryInput = builder.inputType('SetBranchSecretaryInput', {
  description: 'What `setBranchSecretary` takes.',
  fields: (t) => ({
    branch: t.id({ description: "The branch's id.", required: true }),
    member: t.id({
      description: 'The new secretary: a member placed in the branch.',
      required: true,
    }),
    on: t.field({
      type: 'Date',
      required: false,
      description: 'The first day in office; today if not given.',
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('setBranchSecretary', (t) =>
  t.field({
    type: PartyBranchType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `setBranchSecretary` takes (`SetBranchSecretaryInput`).',
        type: SecretaryInput,
        required: true,
      }),
    },
    description:
      "Changes the secretary as of a day: a row of the branch's transition table and one audit row.",
    resolve: (_root, { input }, ctx) =>
      setBranchSecretary(
        ctx,
        parseId(input.branch, 'input.branch'),
        parseId(input.member, 'input.member'),
        input.on ?? today(),
        input.note ?? null,
      ),
  }),
);

const DissolveInput = builder.inputType('DissolvePartyBranchInput', {
  description: 'What `dissolvePartyBranch` takes.',
  fields: (t) => ({
    id: t.id({ description: "The PartyBranch's id.", required: true }),
    on: t.field({ description: 'The day it is dissolved.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('dissolvePartyBranch', (t) =>
  t.field({
    type: PartyBranchType,
    description:
      'Dissolves a branch on a day: its placements end that day and it takes no new placements or activities.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `dissolvePartyBranch` takes (`DissolvePartyBranchInput`).',
        type: DissolveInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      dissolvePartyBranch(ctx, parseId(input.id, 'input.id'), input.on, input.note ?? null),
  }),
);

const ActivityInput = builder.inputType('RecordBranchActivityInput', {
  description: 'What `recordBranchActivity` takes.',
  fields: (t) => ({
    branch: t.id({ description: "The branch's id.", required: true }),
    kind: t.field({ description: 'LECTURE_HALL.', type: BranchActivityKindType, required: true }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    heldOn: t.field({ description: 'The day it was held.', type: 'Date', required: true }),
    speaker: t.string({ description: 'Who spoke or led it, if anyone.', required: false }),
    summary: t.string({
      description: 'What was done; must not be empty.',
      required: true,
      validate: z.string().trim().min(1, 'must not be empty'),
    }),
    participants: t.idList({
      required: true,
      description: 'Members who took part, Party members or not.',
    }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
      defaultValue: true,
    }),
  }),
});

builder.mutationField('recordBranchActivity', (t) =>
  t.field({
    description:
      "Staff record a branch activity and who took part: Party members of the branch and any other member it reached (两个全覆盖); each participant's line goes to their archive.",
    type: BranchActivityType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordBranchActivity` takes (`RecordBranchActivityInput`).',
        type: ActivityInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordBranchActivity(ctx, {
        branch: parseId(input.branch, 'input.branch'),
        kind: input.kind,
        title: input.title.trim(),
        heldOn: input.heldOn,
        speaker: input.speaker?.trim() || null,
        summary: input.summary.trim(),
        participants: input.participants.map(String),
        public: input.public ?? true,
      }),
  }),
);
