import { parseId, titleSchema, TITLE_DESCRIPTION, describedValues } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { recordSpeech } from '../commands/activities.js';
import { ActivityGuestSchema } from '../entities/activity-guest.entity.js';
import { ConsultationActivitySchema } from '../entities/consultation-activity.entity.js';
import { SPEECH_MODES, SpeechSchema, type Speech } from '../entities/speech.entity.js';
import { ConsultationActivityType, GuestType } from './consultation-activity.js';
import { MemberRef } from './member.js';

export const SpeechModeType = builder.enumType('SpeechMode', {
  description: '发言方式 How a speech was given.',
  values: describedValues(SPEECH_MODES, {
    ORAL: '口头发言 Spoken at the activity.',
    WRITTEN: '书面发言 Handed in in writing.',
  }),
});

export const SpeechType = builder.objectRef<Speech>('ConsultationSpeech').implement({
  description: '发言: a contribution to an activity, spoken at it or handed in in writing.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ConsultationSpeech's id." }),
    title: t.exposeString('title', { description: "题目 The speech's title." }),
    mode: t.field({
      description: '发言方式 How a speech was given.',
      type: SpeechModeType,
      resolve: (s) => s.mode,
    }),
    spokeOn: t.expose('spokeOn', { description: '发言日期 The day it was given.', type: 'Date' }),
    text: t.exposeString('text', {
      description: '发言内容 Its text, if recorded.',
      nullable: true,
    }),
    member: t.field({
      description: '委员 The member who spoke; null for a guest.',
      type: MemberRef,
      nullable: true,
      resolve: (s) => (s.memberId == null ? null : { id: String(s.memberId) }),
    }),
    guest: t.field({
      description: '列席人员 The guest who spoke; null for a member.',
      type: GuestType,
      nullable: true,
      resolve: (s, _a, ctx) =>
        s.guestId == null ? null : ctx.loaders.one(ActivityGuestSchema).load(s.guestId),
    }),
    activity: t.field({
      description: '协商活动 The activity at which it was given.',
      type: ConsultationActivityType,
      nullable: true,
      resolve: (s, _a, ctx) => ctx.loaders.one(ConsultationActivitySchema).load(s.activityId),
    }),
  }),
});

builder.objectField(ConsultationActivityType, 'speeches', (t) =>
  t.field({
    description: '发言 Contributions to it, spoken or written.',
    type: [SpeechType],
    resolve: (a, _args, ctx) => ctx.loaders.many(SpeechSchema, 'activityId').load(a.id),
  }),
);

const SpeechInput = builder.inputType('RecordConsultationSpeechInput', {
  description: 'What `recordConsultationSpeech` takes.',
  fields: (t) => ({
    memberId: t.id({ required: false, description: 'The member who spoke; or give guestId.' }),
    guestId: t.id({
      description: 'The id of the guest who spoke; leave out for a member.',
      required: false,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    mode: t.field({
      description: '发言方式 How a speech was given.',
      type: SpeechModeType,
      required: true,
    }),
    spokeOn: t.field({
      type: 'Date',
      required: false,
      description: 'Defaults to the day of the activity.',
    }),
    text: t.string({
      description: 'The text: at most 50,000 characters.',
      required: false,
      validate: z.string().trim().max(50000),
    }),
  }),
});

builder.mutationField('recordConsultationSpeech', (t) =>
  t.field({
    type: SpeechType,
    description:
      "Staff record a speech; a member hands in their own written speech. The member's record hears of it.",
    authScopes: { authenticated: true },
    args: {
      activityId: t.arg.id({ description: "The activity's id.", required: true }),
      input: t.arg({
        description: 'What `recordConsultationSpeech` takes (`RecordConsultationSpeechInput`).',
        type: SpeechInput,
        required: true,
      }),
    },
    resolve: (_root, { activityId, input }, ctx) =>
      recordSpeech(ctx, parseId(activityId, 'activityId'), {
        memberId: input.memberId == null ? null : parseId(input.memberId, 'input.memberId'),
        guestId: input.guestId == null ? null : parseId(input.guestId, 'input.guestId'),
        title: input.title.trim(),
        mode: input.mode,
        spokeOn: input.spokeOn ?? null,
        text: input.text?.trim() || null,
      }),
  }),
);
