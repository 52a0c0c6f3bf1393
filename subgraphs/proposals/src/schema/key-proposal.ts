import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  describedValues,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../builder.js';
import {
  designateKeyProposal,
  recordSupervision,
  setKeyProposalOrigin,
} from '../commands/key-proposals.js';
import {
  KeyProposalSchema,
  SUPERVISION_KINDS,
  SupervisionSchema,
  type KeyProposal,
  type Supervision,
} from '../entities/key-proposal.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import { ConsultationActivityRef } from './consultation-activity.js';
import { ProposalType } from './proposal.js';
import { ResearchProjectRef } from './research-project.js';

export const SupervisionKindType = builder.enumType('SupervisionKind', {
  description: '督办方式 How a key proposal is supervised.',
  values: describedValues(SUPERVISION_KINDS, {
    MEETING: '督办协商会 A supervision meeting on a key proposal.',
    PROGRESS_REPORT: '进展报告 A progress report on a key proposal.',
  }),
});

const SupervisionType = builder.objectRef<Supervision>('KeyProposalSupervision').implement({
  description: 'A supervision meeting (督办协商会) or a progress report on a key proposal.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The KeyProposalSupervision's id." }),
    kind: t.field({
      description: '督办方式 How a key proposal is supervised.',
      type: SupervisionKindType,
      resolve: (s) => s.kind,
    }),
    heldOn: t.expose('heldOn', { type: 'Date' }),
    text: t.exposeString('text'),
  }),
});

export const KeyProposalType = builder.objectRef<KeyProposal>('KeyProposal').implement({
  description: '重点提案: chosen by the chair meeting and supervised by a named leader (领衔督办).',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The KeyProposal's id." }),
    year: t.exposeInt('year'),
    chairMeetingOn: t.expose('chairMeetingOn', { type: 'Date' }),
    leaderName: t.exposeString('leaderName'),
    leaderTitle: t.exposeString('leaderTitle'),
    topLeader: t.exposeBoolean('topLeader', {
      description: "Supervised by the city's (district's) top Party leader (主要负责同志).",
    }),
    consultation: t.field({
      type: ConsultationActivityRef,
      nullable: true,
      description:
        '一体两用: the consultation activity (重点协商课题) this key proposal grew from.',
      resolve: (k) => (k.consultationId != null ? { id: String(k.consultationId) } : null),
    }),
    researchProject: t.field({
      type: ResearchProjectRef,
      nullable: true,
      description: '一体两用: the research project whose findings this key proposal carries.',
      resolve: (k) => (k.researchProjectId != null ? { id: String(k.researchProjectId) } : null),
    }),
    proposal: t.field({
      type: ProposalType,
      nullable: true,
      resolve: (k, _a, ctx) => ctx.loaders.one(ProposalSchema).load(k.proposalId),
    }),
    supervision: t.field({
      type: [SupervisionType],
      resolve: (k, _a, ctx) => ctx.loaders.many(SupervisionSchema, 'keyProposalId').load(k.id),
    }),
  }),
});

builder.objectField(ProposalType, 'keyProposal', (t) =>
  t.field({
    type: KeyProposalType,
    nullable: true,
    description: 'Set when the chair meeting chose it as a key proposal.',
    resolve: (p, _a, ctx) => ctx.loaders.one(KeyProposalSchema, 'proposalId').load(p.id),
  }),
);

const KeyConnection = connectionType<KeyProposal>(builder, 'KeyProposal', KeyProposalType);

builder.queryField('keyProposals', (t) =>
  t.field({
    type: KeyConnection,
    description: 'Key proposals, public like the filed proposals they are.',
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      year: t.arg.int({
        required: false,
        description: 'The year it is a key proposal for (a property of the record, not a period).',
      }),
      ...periodArgs(t, 'chair meeting day (chairMeetingOn, when it was chosen)'),
      topLeader: t.arg.boolean({ required: false }),
      fromConsultation: t.arg.boolean({
        required: false,
        description:
          'Only those that name a consultation activity or research project they grew from (一体两用), or only others.',
      }),
      ...pageArgs(t),
    },
    resolve: (_r, { district, year, from, to, topLeader, fromConsultation, first, after }, ctx) => {
      const where: FilterQuery<KeyProposal>[] = [periodWhere('chairMeetingOn', { from, to })];
      if (district) where.push({ district: String(district) });
      if (year) where.push({ year });
      if (topLeader != null) where.push({ topLeader });
      if (fromConsultation != null) {
        where.push(
          fromConsultation
            ? { $or: [{ consultationId: { $ne: null } }, { researchProjectId: { $ne: null } }] }
            : { consultationId: null, researchProjectId: null },
        );
      }
      return findPage(ctx.em, KeyProposalSchema, { $and: where }, { first, after });
    },
  }),
);

const KeyInput = builder.inputType('DesignateKeyProposalInput', {
  description: 'What `designateKeyProposal` takes.',
  fields: (t) => ({
    proposalId: t.id({ required: true }),
    year: t.int({ required: true }),
    chairMeetingOn: t.field({
      type: 'Date',
      required: true,
      description: 'Day of the chair meeting (主席会议) that chose it.',
    }),
    leaderName: t.string({ required: true }),
    leaderTitle: t.string({ required: true, description: 'e.g. 市委书记, 市长, 市政协主席.' }),
    topLeader: t.boolean({ required: false }),
    consultationId: t.id({
      required: false,
      description: "一体两用: the consultation activity it grew from (consultation's id).",
    }),
    researchProjectId: t.id({
      required: false,
      description: "一体两用: the research project it grew from (consultation's id).",
    }),
  }),
});

builder.mutationField('designateKeyProposal', (t) =>
  t.field({
    type: KeyProposalType,
    description:
      "Staff (or a leader) record the chair meeting's choice of a key proposal and its supervising leader.",
    authScopes: { authenticated: true },
    args: {
      input: t.arg({
        description: 'What `designateKeyProposal` takes (`DesignateKeyProposalInput`).',
        type: KeyInput,
        required: true,
      }),
    },
    resolve: (_r, { input }, ctx) =>
      designateKeyProposal(ctx, {
        ...input,
        proposalId: parseId(input.proposalId, 'input.proposalId'),
        topLeader: input.topLeader ?? false,
        consultationId:
          input.consultationId != null
            ? parseId(input.consultationId, 'input.consultationId')
            : null,
        researchProjectId:
          input.researchProjectId != null
            ? parseId(input.researchProjectId, 'input.researchProjectId')
            : null,
      }),
  }),
);

builder.mutationField('setKeyProposalOrigin', (t) =>
  t.field({
    type: KeyProposalType,
    description:
      'Staff (or a leader) name the consultation activity and research project a key proposal grew from (一体两用); null clears one.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ required: true }),
      consultationId: t.arg.id({ required: false }),
      researchProjectId: t.arg.id({ required: false }),
    },
    resolve: (_r, { id, consultationId, researchProjectId }, ctx) =>
      setKeyProposalOrigin(ctx, parseId(id), {
        consultationId: consultationId != null ? parseId(consultationId, 'consultationId') : null,
        researchProjectId:
          researchProjectId != null ? parseId(researchProjectId, 'researchProjectId') : null,
      }),
  }),
);

builder.mutationField('recordKeyProposalSupervision', (t) =>
  t.field({
    type: SupervisionType,
    description:
      'A supervision meeting (staff, leaders) or a progress report (also the replying unit) on a key proposal.',
    authScopes: { authenticated: true },
    args: {
      keyProposalId: t.arg.id({ required: true }),
      kind: t.arg({ type: SupervisionKindType, required: true }),
      heldOn: t.arg({ type: 'Date', required: true }),
      text: t.arg.string({ required: true }),
    },
    resolve: (_r, { keyProposalId, kind, heldOn, text }, ctx) =>
      recordSupervision(ctx, parseId(keyProposalId, 'keyProposalId'), kind, heldOn, text),
  }),
);
