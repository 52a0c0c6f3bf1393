import { canSeeDistrict, parseId } from '@cppcc/kit';
import { builder } from '../builder.js';
import { isProposer } from '../commands/common.js';
import { recordInstruction } from '../commands/instructions.js';
import {
  INSTRUCTION_SUBJECTS,
  InstructionSchema,
  OpinionAuthorSchema,
  type Instruction,
} from '../entities/opinion-item.entity.js';
import { LevelType, OpinionItemType } from './opinion-item.js';
import { ProposalType } from './proposal.js';

export const SubjectType = builder.enumType('InstructionSubject', { values: INSTRUCTION_SUBJECTS });

export const InstructionType = builder.objectRef<Instruction>('LeaderInstruction').implement({
  description: "批示: a leader's written instruction on a proposal or a public-opinion item.",
  fields: (t) => ({
    id: t.exposeID('id'),
    subjectType: t.field({ type: SubjectType, resolve: (i) => i.subjectType }),
    leader: t.exposeString('leader'),
    level: t.field({ type: LevelType, resolve: (i) => i.level }),
    text: t.exposeString('text'),
    instructedOn: t.expose('instructedOn', { type: 'Date' }),
  }),
});

// An instruction is not public though its subject may be (a filed proposal, an issued item): read
// past the filter, then shown to those working for the subject's district and to the members whose
// archives received it (its proposers, its authors); anyone else who sees the subject gets none.
builder.objectField(ProposalType, 'instructions', (t) =>
  t.field({
    type: [InstructionType],
    description:
      "Leaders' instructions on it: for those working for its district and its proposers; empty for others.",
    resolve: async (p, _a, ctx) => {
      const rows = await ctx.loaders
        .many(InstructionSchema, 'subjectId', { subjectType: 'PROPOSAL' }, true)
        .load(p.id);
      return rows.length > 0 &&
        (canSeeDistrict(ctx.caller, p.district) || (await isProposer(ctx.em, ctx, p)))
        ? rows
        : [];
    },
  }),
);
builder.objectField(OpinionItemType, 'instructions', (t) =>
  t.field({
    type: [InstructionType],
    description:
      "Leaders' instructions on it: for those working for its district and its authors; empty for others.",
    resolve: async (i, _a, ctx) => {
      const rows = await ctx.loaders
        .many(InstructionSchema, 'subjectId', { subjectType: 'OPINION_ITEM' }, true)
        .load(i.id);
      if (rows.length === 0 || canSeeDistrict(ctx.caller, i.district)) return rows;
      const me = ctx.caller.memberId;
      return me !== null &&
        (await ctx.loaders.many(OpinionAuthorSchema, 'itemId').load(i.id)).some(
          (a) => String(a.memberId) === me,
        )
        ? rows
        : [];
    },
  }),
);

const InstructionInput = builder.inputType('RecordInstructionInput', {
  fields: (t) => ({
    subjectType: t.field({ type: SubjectType, required: true }),
    subjectId: t.id({ required: true }),
    leader: t.string({
      required: true,
      description: 'Who wrote it, e.g. 国家领导人, 省委书记, 市委主要负责同志.',
    }),
    level: t.field({ type: LevelType, required: true }),
    text: t.string({ required: true }),
    instructedOn: t.field({ type: 'Date', required: true }),
  }),
});

builder.mutationField('recordInstruction', (t) =>
  t.field({
    type: InstructionType,
    description:
      "Staff or a leader record a leader's instruction on a filed proposal or an issued item.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: InstructionInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      recordInstruction(ctx, { ...input, subjectId: parseId(input.subjectId, 'input.subjectId') }),
  }),
);
