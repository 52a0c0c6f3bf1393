import {
  districtFields,
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type Page,
  districtWhere,
  includeBelowArg,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { DistrictType } from './district.js';
import { recordRelayedDecision } from '../commands/relayed-decisions.js';
import { BodyMeetingSchema } from '../entities/body-meeting.entity.js';
import { PolicyDocumentSchema } from '../entities/policy-document.entity.js';
import {
  RelayedDecisionSchema,
  type RelayedDecision,
} from '../entities/relayed-decision.entity.js';
import { BodyMeetingType } from './body-meeting.js';
import { PolicyDocumentType } from './policy-document.js';

export const RelayedDecisionType = builder.objectRef<RelayedDecision>('RelayedDecision').implement({
  description:
    '传达学习: an agenda item of a held meeting that relayed a decision, linked to the policy document carrying it out. Public when the meeting is.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The RelayedDecision's id." }),
    ...districtFields(t, DistrictType, (code, ctx) =>
      ctx.loaders.one(DistrictSchema, 'code').load(code),
    ),
    agendaItem: t.exposeString('agendaItem', {
      description: 'The agenda item, as the agenda words it.',
    }),
    decision: t.exposeString('decision', {
      description: 'What was relayed, e.g. 中央政协工作会议精神.',
    }),
    relayedOn: t.expose('relayedOn', {
      type: 'Date',
      description: 'The day the meeting was held.',
    }),
    meeting: t.field({
      description: '会议 The meeting at which the decision was relayed.',
      type: BodyMeetingType,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.one(BodyMeetingSchema).load(r.meetingId),
    }),
    document: t.field({
      description: '文件 The policy document relayed.',
      type: PolicyDocumentType,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.one(PolicyDocumentSchema).load(r.documentId),
    }),
  }),
});

builder.objectField(BodyMeetingType, 'relayedDecisions', (t) =>
  t.field({
    type: [RelayedDecisionType],
    description: 'Agenda items of this meeting that relayed a decision (传达学习).',
    resolve: (m, _a, ctx) => ctx.loaders.many(RelayedDecisionSchema, 'meetingId').load(m.id),
  }),
);

builder.objectField(PolicyDocumentType, 'relays', (t) =>
  t.field({
    type: [RelayedDecisionType],
    description: 'Meetings that relayed the decision this document carries out.',
    resolve: (d, _a, ctx) => ctx.loaders.many(RelayedDecisionSchema, 'documentId').load(d.id),
  }),
);

const RelayedDecisionConnection = connectionType<RelayedDecision>(
  builder,
  'RelayedDecision',
  RelayedDecisionType,
);

builder.queryField('relayedDecisions', (t) =>
  t.field({
    type: RelayedDecisionConnection,
    description: 'Decisions relayed at meetings (传达学习), by the day the meeting was held.',
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...includeBelowArg(t),
      document: t.arg.id({
        description: 'Only decisions relaying this policy document.',
        required: false,
      }),
      from: t.arg({
        description: 'Only decisions relayed on or after this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      to: t.arg({
        description: 'Only decisions relayed on or before this day (inclusive).',
        type: 'Date',
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { district, includeBelow, document, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<RelayedDecision>> => {
      const where: FilterQuery<RelayedDecision>[] = [
        await districtWhere(ctx, district, includeBelow),
      ];
      if (document) where.push({ documentId: parseId(document, 'document') });
      if (from) where.push({ relayedOn: { $gte: from } });
      if (to) where.push({ relayedOn: { $lte: to } });
      return findPage(
        ctx.em,
        RelayedDecisionSchema,
        { $and: where },
        { first, after, last, before },
      );
    },
  }),
);

const RecordRelayedDecisionInput = builder.inputType('RecordRelayedDecisionInput', {
  description: 'What `recordRelayedDecision` takes.',
  fields: (t) => ({
    meeting: t.id({ required: true, description: 'A held body meeting.' }),
    document: t.id({
      required: true,
      description: 'The policy document carrying the decision out.',
    }),
    agendaItem: t.string({
      required: true,
      description: "One of the meeting's agenda items, word for word.",
    }),
    decision: t.string({
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters'),
      description: 'What was relayed, e.g. 考察重要讲话精神.',
    }),
  }),
});

builder.mutationField('recordRelayedDecision', (t) =>
  t.field({
    description:
      "传达 Staff record that a held meeting's agenda item relayed a decision, linked to the policy document that carries it out; the item must be on the meeting's agenda and the document of the meeting's district or one above it.",
    type: RelayedDecisionType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordRelayedDecision` takes (`RecordRelayedDecisionInput`).',
        type: RecordRelayedDecisionInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordRelayedDecision(ctx, {
        meeting: parseId(input.meeting, 'input.meeting'),
        document: parseId(input.document, 'input.document'),
        agendaItem: input.agendaItem.trim(),
        decision: input.decision.trim(),
      }),
  }),
);
