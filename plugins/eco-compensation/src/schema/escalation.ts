import { inputError, parseDate, requirePermissionIn, describedValues } from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { text } from '../commands/validate.js';
import {
  ESCALATION_LEVELS,
  EscalationSchema,
  type Escalation,
} from '../entities/escalation.entity.js';
import { CompensationRoundRef, visibleRound } from './compensation-round.js';

const LevelEnum = builder.enumType('EcoEscalationLevel', {
  description: '议题提升层级 The body that took up an eco-compensation topic.',
  values: describedValues(ESCALATION_LEVELS, {
    provincial_key_consultation:
      '省政协年度重点协商议题 Taken up as a provincial key consultation topic.',
    national_biweekly_consultation:
      '全国政协双周协商议题 Taken up as a national biweekly consultation topic.',
  }),
});

export const EscalationRef = builder.objectRef<Escalation>('EcoCompensationEscalation').implement({
  description:
    "The topic on a higher body's consultation agenda (the plugin's own record; consultation may hold its own).",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The EcoCompensationEscalation's id." }),
    level: t.field({
      description: '议题提升层级 The body that took up an eco-compensation topic.',
      type: LevelEnum,
      resolve: (e) => e.level,
    }),
    agenda: t.exposeString('agenda', { description: '议题 What was put on the agenda.' }),
    listedOn: t.expose('listedOn', {
      description: '列入日期 The day it was listed.',
      type: 'Date',
    }),
    heldOn: t.expose('heldOn', {
      description: '协商日期 The day it was taken up; null until then.',
      type: 'Date',
      nullable: true,
    }),
    note: t.exposeString('note', { description: '备注 A note, if any.', nullable: true }),
  }),
});

builder.objectField(CompensationRoundRef, 'escalations', (t) =>
  t.field({
    description: '提请协商 Where it was brought up for consultation.',
    type: [EscalationRef],
    resolve: (r, _a, ctx) => ctx.loaders.many(EscalationSchema, 'roundId').load(r.id),
  }),
);

builder.mutationFields((t) => ({
  recordEcoCompensationEscalation: t.field({
    type: EscalationRef,
    description:
      "Records the topic's listing on the provincial key-consultation or national biweekly-consultation agenda (permission round.manage).",
    args: {
      roundId: t.arg.id({ description: "The round's id.", required: true }),
      level: t.arg({
        description: 'The level it was brought to.',
        type: LevelEnum,
        required: true,
      }),
      agenda: t.arg.string({ description: 'What was put on the agenda.', required: true }),
      listedOn: t.arg({ description: 'The day it was listed.', type: 'Date', required: true }),
      heldOn: t.arg({
        description: 'The day it was taken up, if it has been.',
        type: 'Date',
        required: false,
      }),
      note: t.arg.string({ description: 'A note, if any.', required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const round = await visibleRound(ctx, args.roundId);
      await requirePermissionIn(ctx, 'round.manage', round.district, 'roundId');
      const agenda = text(args.agenda, 'agenda');
      const listedOn = parseDate(args.listedOn, 'listedOn');
      const heldOn = args.heldOn ? parseDate(args.heldOn, 'heldOn') : null;
      if (heldOn && heldOn < listedOn)
        throw inputError(
          'heldOn',
          'order',
          'a consultation is held on or after the day it was listed',
        );
      return ctx.em.transactional(async (em) =>
        em.create(EscalationSchema, {
          district: round.district,
          public: round.public,
          roundId: round.id,
          level: args.level,
          agenda,
          listedOn,
          heldOn,
          note: args.note?.trim() || null,
          createdBy: ctx.caller.userId,
          createdAt: new Date(),
        }),
      );
    },
  }),
}));
