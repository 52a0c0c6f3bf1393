import {
  districtFields,
  appError,
  AuditEntrySchema,
  auditEntryType,
  connectionType,
  ErrorCode,
  findPage,
  inputError,
  isWithinDistrict,
  notFound,
  pageArgs,
  parseDate,
  parseId,
  type RequestContext,
  requirePermissionIn,
  settingsOf,
  TITLE_DESCRIPTION,
  titleSchema,
  describedValues,
  MUTATION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  nodeType,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { DistrictRef } from './district.js';
import { displayAmount, text } from '../commands/validate.js';
import { roundWorkflow } from '../workflow.js';
import {
  CompensationRoundSchema,
  ROUND_STATES,
  ruleOf,
  type CompensationRound,
} from '../entities/compensation-round.entity.js';
import { MonitoringSectionSchema } from '../entities/monitoring-section.entity.js';
import { STANDARD_INDICATORS } from '../indicators.js';
import type { EcoCompensationSettings } from '../settings.js';
import { MonitoringSectionRef } from './monitoring-section.js';

export const RoundStatusEnum = builder.enumType('CompensationRoundStatus', {
  description:
    '补偿轮次状态 Where a compensation round stands: NEGOTIATING → SIGNED → IN_FORCE → CONCLUDED.',
  values: describedValues(ROUND_STATES, {
    negotiating: '协商中 The agreement is being negotiated; staff record it signed.',
    signed: '已签订 Signed; staff bring it into force.',
    in_force: '实施中 In force; staff conclude it.',
    concluded: '已期满 Concluded; no further steps.',
  }),
});

const AgreementRef = builder.objectRef<CompensationRound>('CompensationAgreement').implement({
  description: 'The agreement a round rests on.',
  fields: (t) => ({
    title: t.exposeString('agreementTitle', { description: "协议名称 The agreement's title." }),
    signedOn: t.expose('agreementSignedOn', {
      type: 'Date',
      nullable: true,
      description: 'YYYY-MM-DD; set when the round is signed.',
    }),
    parties: t.stringList({
      description: '协议各方 The parties that signed it.',
      resolve: (r) => JSON.parse(r.parties) as string[],
    }),
  }),
});

const BaseLimitRef = builder
  .objectRef<{ indicator: string; limit: number }>('IndicatorBaseLimit')
  .implement({
    description: "基准限值 A round's base limit for one water-quality indicator.",
    fields: (t) => ({
      indicator: t.exposeString('indicator', { description: "指标代码 The indicator's code." }),
      limit: t.exposeFloat('limit', { description: 'mg/L' }),
    }),
  });

const HistoryRef = auditEntryType(
  builder,
  'EcoCompensationHistoryEntry',
  "流转记录 One step of an eco-compensation record's workflow.",
);
export { HistoryRef };

export const CompensationRoundRef = builder
  .objectRef<CompensationRound>('CompensationRound')
  .implement({
    description: "One round of a basin's ecological-compensation agreement, with its payment rule.",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The CompensationRound's id." }),
      ...districtFields(t, DistrictRef),
      basin: t.exposeString('basin', { description: '流域 The river basin.' }),
      startYear: t.exposeInt('startYear', { description: "起始年度 The round's first year." }),
      endYear: t.exposeInt('endYear', { description: "截止年度 The round's last year." }),
      agreement: t.field({
        description: '协议 The agreement the round rests on.',
        type: AgreementRef,
        resolve: (r) => r,
      }),
      upstream: t.exposeString('upstream', {
        description: 'The province that is paid when the water meets the standard.',
      }),
      downstream: t.exposeString('downstream', { description: '下游 The downstream party.' }),
      section: t.field({
        description: '监测断面 The monitoring section the assessment reads.',
        type: MonitoringSectionRef,
        nullable: true,
        resolve: (r, _a, ctx) => ctx.loaders.one(MonitoringSectionSchema).load(r.sectionId),
      }),
      stabilityK: t.float({
        description: "稳定系数 The stability coefficient K of the round's rule.",
        resolve: (r) => ruleOf(r).k,
      }),
      threshold: t.float({
        description:
          'P at or below it: downstream pays upstream; above it: upstream pays downstream.',
        resolve: (r) => ruleOf(r).threshold,
      }),
      baseLimits: t.field({
        description: '基本限值 The base limit of each indicator.',
        type: [BaseLimitRef],
        resolve: (r) =>
          Object.entries(ruleOf(r).baseLimits).map(([indicator, limit]) => ({ indicator, limit })),
      }),
      transferAmount: t.exposeInt('transferAmount', {
        description: 'What moves between the provinces in an assessed year, in 万元.',
      }),
      transferAmountDisplay: t.string({
        description: '补偿金额 The transfer amount, written out with its unit.',
        resolve: async (r, _a, ctx) =>
          displayAmount(
            r.transferAmount,
            (await settingsOf<EcoCompensationSettings>(ctx)).amountUnit,
          ),
      }),
      status: t.field({
        description: '补偿轮次状态 Where a compensation round stands.',
        type: RoundStatusEnum,
        resolve: (r) => r.status,
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (r, _a, ctx) => roundWorkflow.available(ctx, r),
      }),
      history: t.field({
        description: '履历 Its workflow steps, oldest first.',
        type: [HistoryRef],
        resolve: (r, _a, ctx) =>
          ctx.loaders
            .many(AuditEntrySchema, 'entityId', { entity: 'CompensationRound' })
            .load(String(r.id)),
      }),
    }),
  });

export const CompensationRoundConnection = connectionType<CompensationRound>(
  builder,
  'CompensationRound',
  CompensationRoundRef,
);

/** A round the caller may see, or NOT_FOUND naming the argument. */
export async function visibleRound(
  ctx: RequestContext,
  id: string | number,
  field = 'roundId',
): Promise<CompensationRound> {
  const round = await ctx.em.findOne(CompensationRoundSchema, { id: parseId(id, field) });
  if (!round) throw notFound('compensation round', id);
  return round;
}

builder.queryFields((t) => ({
  compensationRounds: t.field({
    type: CompensationRoundConnection,
    nullable: true,
    description: 'Compensation rounds the caller may see, oldest first.',
    args: {
      basin: t.arg.string({ description: 'Only rounds of this basin.', required: false }),
      status: t.arg({
        description: 'Only rounds in this state.',
        type: RoundStatusEnum,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_root, args, ctx) =>
      findPage(
        ctx.em,
        CompensationRoundSchema,
        {
          ...(args.basin ? { basin: args.basin } : {}),
          ...(args.status ? { status: args.status } : {}),
        },
        args,
      ),
  }),
  compensationRound: t.field({
    description:
      "生态补偿轮次 One compensation round by id, or null when it does not exist or the caller may not see it. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CompensationRoundRef,
    nullable: true,
    args: { id: t.arg.id({ description: "The CompensationRound's id.", required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.em.findOne(CompensationRoundSchema, { id: parseId(args.id, 'id', 'CompensationRound') }),
  }),
}));

nodeType(builder, CompensationRoundRef, (ctx, id) =>
  ctx.em.findOne(CompensationRoundSchema, { id }),
);

const BaseLimitInput = builder.inputType('IndicatorBaseLimitInput', {
  description: '基准限值 A base limit for one water-quality indicator.',
  fields: (t) => ({
    indicator: t.string({ required: true, description: "The indicator's code." }),
    limit: t.float({ required: true, description: 'The base limit, in mg/L.' }),
  }),
});

const CreateRoundInput = builder.inputType('CreateCompensationRoundInput', {
  description: 'What `createCompensationRound` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    basin: t.string({ description: 'The river basin.', required: true }),
    startYear: t.int({ description: "The round's first year.", required: true }),
    endYear: t.int({ description: "The round's last year.", required: true }),
    agreementTitle: t.string({
      required: true,
      validate: titleSchema,
      description: TITLE_DESCRIPTION,
    }),
    parties: t.stringList({ description: 'The parties to the agreement.', required: true }),
    upstream: t.string({ description: 'The upstream party.', required: true }),
    downstream: t.string({ description: 'The downstream party.', required: true }),
    sectionId: t.id({
      description: 'The id of the monitoring section the assessment reads.',
      required: true,
    }),
    stabilityK: t.float({
      required: false,
      description: "Defaults to the district's setting defaultStabilityK.",
    }),
    threshold: t.float({ required: false, description: 'Defaults to 1.' }),
    baseLimits: t.field({
      type: [BaseLimitInput],
      required: true,
      description: 'One per standard indicator (codmn, nh3n, tn, tp).',
    }),
    transferAmount: t.int({ required: true, description: '万元' }),
    public: t.boolean({
      description: 'Shown to everyone (public) or only to those who work for its district.',
      required: false,
    }),
  }),
});

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationFields((t) => ({
  createCompensationRound: t.field({
    type: CompensationRoundRef,
    description: 'Opens a round under negotiation (permission round.manage).',
    args: {
      input: t.arg({
        description: 'What `createCompensationRound` takes (`CreateCompensationRoundInput`).',
        type: CreateRoundInput,
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const district = String(input.district);
      await requirePermissionIn(ctx, 'round.manage', district, 'input.district');
      const settings = await settingsOf<EcoCompensationSettings>(ctx, district);
      if (!Number.isInteger(input.startYear) || input.startYear < 1990 || input.startYear > 2100)
        throw inputError('input.startYear', 'range', 'must be a year between 1990 and 2100');
      if (input.endYear < input.startYear || input.endYear - input.startYear > 10)
        throw inputError(
          'input.endYear',
          'range',
          'must be the start year or up to ten years after it',
        );
      const parties = input.parties.map((p, i) => text(p, `input.parties.${i}`, 100));
      if (parties.length < 2)
        throw inputError('input.parties', 'count', 'an agreement has at least two parties');
      const upstream = text(input.upstream, 'input.upstream', 100);
      const downstream = text(input.downstream, 'input.downstream', 100);
      if (upstream === downstream)
        throw inputError('input.downstream', 'distinct', 'upstream and downstream must differ');
      const k = input.stabilityK ?? settings.defaultStabilityK;
      if (!(k > 0 && k <= 2))
        throw inputError('input.stabilityK', 'range', 'must be above 0 and at most 2');
      const threshold = input.threshold ?? 1;
      if (!(threshold > 0 && threshold <= 10))
        throw inputError('input.threshold', 'range', 'must be above 0 and at most 10');
      if (!(input.transferAmount > 0))
        throw inputError('input.transferAmount', 'positive', 'must be a positive amount in 万元');
      const baseLimits: Record<string, number> = {};
      input.baseLimits.forEach((b, i) => {
        if (!STANDARD_INDICATORS.some((s) => s.code === b.indicator))
          throw inputError(
            `input.baseLimits.${i}.indicator`,
            'unknown-indicator',
            `${b.indicator} is not a standard indicator (codmn, nh3n, tn, tp); district indicators take their limit from the settings`,
          );
        if (b.indicator in baseLimits)
          throw inputError(
            `input.baseLimits.${i}.indicator`,
            'duplicate',
            `${b.indicator} is listed twice`,
          );
        if (!(b.limit > 0))
          throw inputError(`input.baseLimits.${i}.limit`, 'positive', 'must be above 0');
        baseLimits[b.indicator] = b.limit;
      });
      const missing = STANDARD_INDICATORS.filter((s) => !(s.code in baseLimits)).map((s) => s.code);
      if (missing.length)
        throw inputError('input.baseLimits', 'complete', `needs a limit for ${missing.join(', ')}`);
      const section = await ctx.em.findOne(MonitoringSectionSchema, {
        id: parseId(input.sectionId, 'input.sectionId'),
      });
      if (!section) throw notFound('monitoring section', String(input.sectionId));
      // A round's assessments are computed from its section's samples, and recomputed whenever
      // those change: the section is the round's district's or one below it (the city's rounds,
      // 歙县's 街口 section), never another district's.
      if (!(await isWithinDistrict(ctx, section.district, district))) {
        throw inputError(
          'input.sectionId',
          'within-district',
          `monitoring section ${section.id} belongs to district ${section.district}, outside the round's district ${district}`,
        );
      }
      return ctx.em.transactional(async (em) =>
        em.create(CompensationRoundSchema, {
          district,
          public: input.public ?? true,
          basin: text(input.basin, 'input.basin', 100),
          startYear: input.startYear,
          endYear: input.endYear,
          agreementTitle: text(input.agreementTitle, 'input.agreementTitle', 200),
          agreementSignedOn: null,
          parties: JSON.stringify(parties),
          upstream,
          downstream,
          sectionId: section.id,
          rule: JSON.stringify({ k, threshold, baseLimits }),
          transferAmount: input.transferAmount,
          status: 'negotiating',
          createdBy: ctx.caller.userId,
          createdAt: new Date(),
        }),
      );
    },
  }),
  signCompensationRound: t.field({
    type: CompensationRoundRef,
    description: 'Records the agreement as signed on a date (permission round.manage).',
    args: {
      id: t.arg.id({ description: "The CompensationRound's id.", required: true }),
      signedOn: t.arg({
        description: 'The day the agreement was signed.',
        type: 'Date',
        required: true,
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, args, ctx) => {
      const signedOn = parseDate(args.signedOn, 'signedOn');
      return moveRound(ctx, args.id, 'sign', args.note ?? null, (round) => {
        round.agreementSignedOn = signedOn;
      });
    },
  }),
  bringCompensationRoundIntoForce: t.field({
    description:
      "生效 A signed compensation round comes into force (SIGNED → IN_FORCE); permission round.manage (staff) in the round's district. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CompensationRoundRef,
    args: {
      id: t.arg.id({ description: "The CompensationRound's id.", required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, args, ctx) => moveRound(ctx, args.id, 'bringIntoForce', args.note ?? null),
  }),
  concludeCompensationRound: t.field({
    description:
      "期满 A round in force is concluded (IN_FORCE → CONCLUDED); permission round.manage (staff) in the round's district. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: CompensationRoundRef,
    args: {
      id: t.arg.id({ description: "The CompensationRound's id.", required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, args, ctx) => moveRound(ctx, args.id, 'conclude', args.note ?? null),
  }),
}));

async function moveRound(
  ctx: RequestContext,
  id: string | number,
  action: 'sign' | 'bringIntoForce' | 'conclude',
  note: string | null,
  alsoSet?: (round: CompensationRound) => void,
): Promise<CompensationRound> {
  const found = await visibleRound(ctx, id, 'id');
  await requirePermissionIn(ctx, 'round.manage', found.district);
  return ctx.em.transactional(async (em) => {
    const round = await em.findOneOrFail(CompensationRoundSchema, { id: found.id });
    roundWorkflow.apply({ ...ctx, em }, round, action, note);
    alsoSet?.(round);
    return round;
  });
}

/** Rounds whose assessments may be computed: the agreement binds them. */
export function assertAssessable(round: CompensationRound): void {
  if (round.status !== 'in_force' && round.status !== 'concluded') {
    throw appError(
      ErrorCode.CONFLICT,
      `round ${round.id} is ${round.status}: years are assessed only once the round is in force`,
      { field: 'roundId', state: round.status },
    );
  }
}

/** Refuses a year outside the round's period, naming the argument. */
export function assertYearInRound(round: CompensationRound, year: number): void {
  if (year < round.startYear || year > round.endYear)
    throw inputError(
      'year',
      'outside-round',
      `round ${round.id} covers ${round.startYear}–${round.endYear}`,
    );
}
