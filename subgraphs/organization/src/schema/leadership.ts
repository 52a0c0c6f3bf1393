import { districtFields, parseDate, parseId, today, describedValues } from '@cppcc/kit';
import { builder } from '../builder.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { DistrictType } from './district.js';
import { appointLeader, endLeadershipPost, heldOn } from '../commands/leadership.js';
import {
  LEADERSHIP_ROLES,
  LeadershipPostSchema,
  type LeadershipPost,
} from '../entities/leadership-post.entity.js';
import { TermSchema } from '../entities/term.entity.js';
import { MemberRef } from './member.js';
import { TermType } from './term.js';

export const LeadershipRoleType = builder.enumType('LeadershipRole', {
  values: describedValues(LEADERSHIP_ROLES, {
    CHAIR: '主席 The chair (one in office at a time).',
    VICE_CHAIR: '副主席 A vice-chair.',
    SECRETARY_GENERAL: '秘书长 The secretary-general (one in office at a time).',
  }),
  description: '主席 (chair), 副主席 (vice-chair), 秘书长 (secretary-general).',
});

/** Chair first, then the vice-chairs, then the secretary-general, as a 班子 is listed. */
const ORDER = Object.fromEntries(LEADERSHIP_ROLES.map((r, i) => [r, i]));
const byRank = (a: LeadershipPost, b: LeadershipPost) =>
  ORDER[a.role] - ORDER[b.role] || a.startsOn.localeCompare(b.startsOn) || a.id - b.id;

export const LeadershipPostType = builder.objectRef<LeadershipPost>('LeadershipPost').implement({
  description:
    "班子成员: a member holding a leadership post of a district's committee for a stretch of a term. Public.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The LeadershipPost's id." }),
    ...districtFields(t, DistrictType, (code, ctx) =>
      ctx.loaders.one(DistrictSchema, 'code').load(code),
    ),
    role: t.field({
      description: '主席 (chair), 副主席 (vice-chair), 秘书长 (secretary-general).',
      type: LeadershipRoleType,
      resolve: (p) => p.role,
    }),
    member: t.field({
      description: '委员 The member holding the post.',
      type: MemberRef,
      resolve: (p) => ({ id: String(p.memberId) }),
    }),
    term: t.field({
      description: '届 The term the post belongs to.',
      type: TermType,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.loaders.one(TermSchema).load(p.termId),
    }),
    startsOn: t.expose('startsOn', {
      description: '任职日期 The first day in office.',
      type: 'Date',
    }),
    endsOn: t.expose('endsOn', {
      type: 'Date',
      nullable: true,
      description: 'Null while in office.',
    }),
  }),
});

builder.queryField('leadership', (t) =>
  t.field({
    type: [LeadershipPostType],
    description:
      "A district committee's leadership (班子成员) in office on a day (today when omitted): chair, vice-chairs, secretary-general.",
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      on: t.arg({
        description: 'The posts held on this day (default today).',
        type: 'Date',
        required: false,
      }),
      includeEnded: t.arg.boolean({
        required: false,
        description: 'Every post of the district, past ones too, instead of those held on the day.',
      }),
    },
    resolve: async (_root, { district, on, includeEnded }, ctx) => {
      const day = on ? parseDate(on, 'on') : today();
      const posts = await ctx.em.find(LeadershipPostSchema, { district: String(district) });
      return posts.filter((p) => includeEnded || heldOn(p, day)).sort(byRank);
    },
  }),
);

builder.objectField(MemberRef, 'leadershipPosts', (t) =>
  t.field({
    type: [LeadershipPostType],
    // A field on members' type: when organization is down the member still answers, with this null.
    nullable: true,
    description:
      'Leadership posts the member holds or held (organization): a delegation with several of them on its day is the leadership visiting collectively.',
    resolve: async (m, _a, ctx) =>
      (await ctx.loaders.many(LeadershipPostSchema, 'memberId').load(Number(m.id))).sort(byRank),
  }),
);

const AppointLeaderInput = builder.inputType('AppointLeaderInput', {
  description: 'What `appointLeader` takes.',
  fields: (t) => ({
    term: t.id({ description: "The term's id.", required: true }),
    member: t.id({ required: true, description: "A member of the term's district." }),
    role: t.field({
      description: '主席 (chair), 副主席 (vice-chair), 秘书长 (secretary-general).',
      type: LeadershipRoleType,
      required: true,
    }),
    startsOn: t.field({ description: 'The first day in office.', type: 'Date', required: true }),
  }),
});

builder.mutationField('appointLeader', (t) =>
  t.field({
    description:
      "领导班子 Staff appoint a member of the term's district to a leadership post from `startsOn`; a second chair or secretary-general while one is in office, or a member who already holds a post, is refused.",
    type: LeadershipPostType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `appointLeader` takes (`AppointLeaderInput`).',
        type: AppointLeaderInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      appointLeader(ctx, {
        term: parseId(input.term, 'input.term'),
        member: parseId(input.member, 'input.member'),
        role: input.role,
        startsOn: input.startsOn,
      }),
  }),
);

const EndLeadershipPostInput = builder.inputType('EndLeadershipPostInput', {
  description: 'What `endLeadershipPost` takes.',
  fields: (t) => ({
    post: t.id({ description: "The post's id.", required: true }),
    endsOn: t.field({ type: 'Date', required: true, description: 'The last day in office.' }),
  }),
});

builder.mutationField('endLeadershipPost', (t) =>
  t.field({
    description:
      'Staff end a leadership post on a day; a post already ended is refused (CONFLICT).',
    type: LeadershipPostType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `endLeadershipPost` takes (`EndLeadershipPostInput`).',
        type: EndLeadershipPostInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      endLeadershipPost(ctx, { post: parseId(input.post, 'input.post'), endsOn: input.endsOn }),
  }),
);
