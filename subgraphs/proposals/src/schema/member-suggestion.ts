import {
  appError,
  assignedRowsEm,
  AuditEntrySchema,
  auditEntryType,
  callerUnit,
  connectionType,
  ErrorCode,
  findPage,
  hasRole,
  pageArgs,
  parseId,
  type RequestContext,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../builder.js';
import {
  answerSuggestion,
  archiveSuggestion,
  forwardSuggestion,
  maySeeSuggestion,
} from '../commands/suggestions.js';
import {
  MemberSuggestionSchema,
  SUGGESTION_STATUSES,
  type MemberSuggestion,
} from '../entities/suggestion.entity.js';
import { suggestionWorkflow } from '../workflow.js';
import { DistrictRef } from './district.js';
import { GovernmentUnitRef } from './government-unit.js';
import { MemberRef } from './member.js';
import { ProposalType, visibleProposal } from './proposal.js';

export const SuggestionStatusType = builder.enumType('MemberSuggestionStatus', {
  description:
    "委员建议状态 Where a member's suggestion stands: RECEIVED → FORWARDED → ANSWERED, or ARCHIVED.",
  values: describedValues(SUGGESTION_STATUSES, {
    RECEIVED: '已收到 Received; staff forward or archive it.',
    FORWARDED: '已转交 Forwarded to a unit, waiting for its answer.',
    ANSWERED: '已答复 Answered.',
    ARCHIVED: '已存档 Archived without forwarding.',
  }),
});
const SuggestionStepType = auditEntryType(
  builder,
  'MemberSuggestionStep',
  'One step a member suggestion took: who, when, from which state to which, and why.',
);

export const MemberSuggestionType = builder
  .objectRef<MemberSuggestion>('MemberSuggestion')
  .implement({
    description:
      "委员意见建议: a proposal converted with its proposer's consent, forwarded to a unit for reference or kept on file. Its authors, their district's staff and the unit it went to see it.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The MemberSuggestion's id." }),
      title: t.exposeString('title', { description: "标题 The suggestion's title." }),
      content: t.exposeString('content', { description: '内容 What it says.' }),
      status: t.field({
        description: "委员建议状态 Where a member's suggestion stands.",
        type: SuggestionStatusType,
        resolve: (s) => s.status,
      }),
      district: t.field({
        description: 'The district whose committee it belongs to.',
        type: DistrictRef,
        nullable: true,
        resolve: (s) => ({ code: s.district }),
      }),
      proposal: t.field({
        type: ProposalType,
        nullable: true,
        description: 'The proposal it was converted from.',
        resolve: (s, _a, ctx) => visibleProposal(ctx, s.proposalId),
      }),
      authors: t.field({
        description: '提出委员 The members who made it.',
        type: [MemberRef],
        resolve: (s) => s.authorIds.map((id) => ({ id: String(id) })),
      }),
      unit: t.field({
        type: GovernmentUnitRef,
        nullable: true,
        description: 'The unit it was forwarded to.',
        resolve: (s) => (s.unitId === null ? null : { id: String(s.unitId) }),
      }),
      forwardedOn: t.expose('forwardedOn', {
        description: '转交日期 The day it was forwarded to a unit; null until then.',
        type: 'Date',
        nullable: true,
      }),
      answer: t.exposeString('answer', {
        nullable: true,
        description: 'What the unit made of it.',
      }),
      answeredOn: t.expose('answeredOn', {
        description: '答复日期 The day it was answered; null until then.',
        type: 'Date',
        nullable: true,
      }),
      version: t.exposeInt('version', {
        description: 'Send it back with a step; a stale one is refused.',
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (s, _a, ctx) => suggestionWorkflow.available(ctx, s),
      }),
      history: t.field({
        type: [SuggestionStepType],
        description: 'Every step, oldest first (the reason it was kept on file among them).',
        resolve: (s, _a, ctx) =>
          ctx.em.find(
            AuditEntrySchema,
            { entity: 'member_suggestion', entityId: String(s.id) },
            { orderBy: { id: 'asc' } },
          ),
      }),
    }),
  });

builder.objectField(ProposalType, 'memberSuggestion', (t) =>
  t.field({
    type: MemberSuggestionType,
    nullable: true,
    description: 'The member suggestion it became, when converted to one.',
    resolve: async (p, _a, ctx) => {
      // Unfiltered: its authors may see it though it is not public; maySeeSuggestion decides.
      const [s] = await ctx.loaders.many(MemberSuggestionSchema, 'proposalId', {}, true).load(p.id);
      return s && maySeeSuggestion(ctx, s) ? s : null;
    },
  }),
);

const SuggestionConnection = connectionType<MemberSuggestion>(
  builder,
  'MemberSuggestion',
  MemberSuggestionType,
);

builder.queryField('memberSuggestions', (t) =>
  t.field({
    type: SuggestionConnection,
    description:
      'Staff: the suggestions of the districts they work for. A unit: those forwarded to it. Authors find theirs on their proposal.',
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      status: t.arg({
        description: 'Only suggestions in this state.',
        type: SuggestionStatusType,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_r, { district, status, first, after, last, before }, ctx: RequestContext) => {
      const where: FilterQuery<MemberSuggestion>[] = [];
      if (district) where.push({ district: String(district) });
      if (status) where.push({ status });
      if (hasRole(ctx.caller, 'staff')) where.push({ district: { $in: ctx.caller.districts } });
      else if (hasRole(ctx.caller, 'unit')) {
        // Those forwarded to the caller's unit, wherever the filter would hide them.
        where.push({ unitId: callerUnit(ctx.caller) ?? 0 });
        return findPage(
          assignedRowsEm(ctx),
          MemberSuggestionSchema,
          { $and: where },
          { first, after, last, before },
        );
      } else
        throw appError(
          ErrorCode.FORBIDDEN,
          'memberSuggestions: staff and handling units only; authors see theirs on Proposal.memberSuggestion',
        );
      return findPage(
        ctx.em,
        MemberSuggestionSchema,
        { $and: where },
        { first, after, last, before },
      );
    },
  }),
);

builder.queryField('memberSuggestion', (t) =>
  t.field({
    description:
      "委员建议 One member's suggestion by id; null when it does not exist or the caller may not see it (the two are not told apart).",
    type: MemberSuggestionType,
    nullable: true,
    args: { id: t.arg.id({ description: "The MemberSuggestion's id.", required: true }) },
    resolve: (_r, { id }, ctx) => visibleSuggestion(ctx, parseId(id, 'id', 'MemberSuggestion')),
  }),
);

// Unfiltered: its authors may see it though it is not public; maySeeSuggestion decides.
async function visibleSuggestion(ctx: RequestContext, id: number) {
  const s = await ctx.em.findOne(MemberSuggestionSchema, { id }, { filters: false });
  return s && maySeeSuggestion(ctx, s) ? s : null;
}

nodeType(builder, MemberSuggestionType, visibleSuggestion);

builder.mutationField('forwardMemberSuggestion', (t) =>
  t.field({
    type: MemberSuggestionType,
    description: 'Staff forward it to a government unit of its district, for reference.',
    args: {
      id: t.arg.id({ description: "The MemberSuggestion's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      unitId: t.arg.id({ description: 'The id of the unit it goes to.', required: true }),
      on: t.arg({
        description: 'The day it is forwarded (default today).',
        type: 'Date',
        required: false,
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_r, a, ctx) =>
      forwardSuggestion(
        ctx,
        parseId(a.id),
        a.version,
        parseId(a.unitId, 'unitId'),
        a.on ?? null,
        a.note ?? null,
      ),
  }),
);

builder.mutationField('archiveMemberSuggestion', (t) =>
  t.field({
    type: MemberSuggestionType,
    description:
      'Staff keep it on file when no unit is concerned; the reason is told to its authors.',
    args: {
      id: t.arg.id({ description: "The MemberSuggestion's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      reason: t.arg.string({ description: 'Why it is archived.', required: true }),
    },
    resolve: (_r, a, ctx) => archiveSuggestion(ctx, parseId(a.id), a.version, a.reason),
  }),
);

builder.mutationField('answerMemberSuggestion', (t) =>
  t.field({
    type: MemberSuggestionType,
    description: 'The unit it was forwarded to answers what it makes of it.',
    args: {
      id: t.arg.id({ description: "The MemberSuggestion's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      answer: t.arg.string({ description: "The unit's answer.", required: true }),
      on: t.arg({
        description: 'The day of the answer (default today).',
        type: 'Date',
        required: false,
      }),
    },
    resolve: (_r, a, ctx) =>
      answerSuggestion(ctx, parseId(a.id), a.version, a.answer, a.on ?? null),
  }),
);
