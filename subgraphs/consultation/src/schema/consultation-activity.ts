import { connectionType, findPage, notFound, pageArgs, parseId } from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { recordActivity } from '../commands/record-activity.js';
import {
  ACTIVITY_STATUSES,
  CONSULTATION_FORMS,
  ConsultationActivitySchema,
  type ConsultationActivity,
} from '../entities/consultation-activity.entity.js';
import { ParticipantSchema } from '../entities/participant.entity.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';

export const ConsultationFormType = builder.enumType('ConsultationForm', { values: CONSULTATION_FORMS });
export const ActivityStatusType = builder.enumType('ActivityStatus', { values: ACTIVITY_STATUSES });

export const ConsultationActivityType = builder.objectRef<ConsultationActivity>('ConsultationActivity');

ConsultationActivityType.implement({
  description: '协商活动: a consultation activity of any form.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    form: t.field({ type: ConsultationFormType, resolve: (a) => a.form }),
    topic: t.exposeString('topic'),
    heldOn: t.exposeString('heldOn', { description: 'Date, YYYY-MM-DD.' }),
    counterpart: t.exposeString('counterpart', { nullable: true, description: 'Government department of a counterpart consultation.' }),
    status: t.field({ type: ActivityStatusType, resolve: (a) => a.status }),
    district: t.field({ type: DistrictRef, nullable: true, resolve: (a) => ({ code: a.district }) }),
    participants: t.field({
      type: [MemberRef],
      nullable: { list: true, items: true },
      resolve: async (a, _args, ctx) =>
        (await ctx.loaders.many(ParticipantSchema, 'activityId').load(a.id)).map((p) => ({ id: String(p.memberId) })),
    }),
  }),
});

builder.asEntity(ConsultationActivityType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.one(ConsultationActivitySchema).load(Number(id)),
});

export const ConsultationActivityConnection = connectionType<ConsultationActivity>(builder, 'ConsultationActivity', ConsultationActivityType);

const ActivityFilter = builder.inputType('ConsultationActivityFilter', {
  fields: (t) => ({
    district: t.id({ required: false }),
    form: t.field({ type: ConsultationFormType, required: false }),
    topic: t.string({ required: false }),
    heldFrom: t.string({ required: false, validate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') }),
    heldTo: t.string({ required: false, validate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') }),
  }),
});

builder.queryField('consultationActivities', (t) =>
  t.field({
    type: ConsultationActivityConnection,
    args: { filter: t.arg({ type: ActivityFilter, required: false }), ...pageArgs(t) },
    resolve: (_root, { filter, first, after }, ctx) => {
      const where: FilterQuery<ConsultationActivity>[] = [];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.form) where.push({ form: filter.form });
      if (filter?.topic) where.push({ topic: filter.topic });
      if (filter?.heldFrom) where.push({ heldOn: { $gte: filter.heldFrom } });
      if (filter?.heldTo) where.push({ heldOn: { $lte: filter.heldTo } });
      return findPage(ctx.em, ConsultationActivitySchema, { $and: where }, { first, after });
    },
  }),
);

builder.queryField('consultationActivity', (t) =>
  t.field({
    type: ConsultationActivityType,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const activity = await ctx.loaders.one(ConsultationActivitySchema).load(parseId(id));
      if (!activity) throw notFound('consultation activity', id);
      return activity;
    },
  }),
);

const RecordActivityInput = builder.inputType('RecordConsultationActivityInput', {
  fields: (t) => ({
    district: t.id({ required: true }),
    title: t.string({ required: true, validate: z.string().trim().min(4, 'must have at least 4 characters').max(120) }),
    form: t.field({ type: ConsultationFormType, required: true }),
    topic: t.string({ required: true, validate: z.string().trim().min(1, 'must not be empty').max(60) }),
    heldOn: t.string({ required: true, validate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') }),
    counterpart: t.string({ required: false }),
    participantIds: t.idList({ required: true, validate: z.array(z.string().regex(/^\d+$/, 'must be member ids')).max(500) }),
  }),
});

builder.mutationType({});

builder.mutationField('recordConsultationActivity', (t) =>
  t.field({
    type: ConsultationActivityType,
    description: 'Staff record a consultation activity that was held, with who took part.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: RecordActivityInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      recordActivity(ctx, {
        district: String(input.district),
        title: input.title.trim(),
        form: input.form,
        topic: input.topic.trim(),
        heldOn: input.heldOn,
        counterpart: input.counterpart ?? null,
        participantIds: input.participantIds.map((id) => Number(id)),
      }),
  }),
);
