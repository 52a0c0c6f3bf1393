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
    heldOn: t.expose('heldOn', { description: '日期 The day of the supervision.', type: 'Date' }),
    text: t.exposeString('text', { description: '情况 What was done and found.' }),
  }),
});

export const KeyProposalType = builder.objectRef<KeyProposal>('KeyProposal').implement({
  description: '重点提案: chosen by the chair meeting and supervised by a named leader (领衔督办).',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The KeyProposal's id." }),
    year: t.exposeInt('year', { description: '年度 The year it is a key proposal for.' }),
    chairMeetingOn: t.expose('chairMeetingOn', {
      description: "主席会议日期 The day the chair's meeting designated it.",
      type: 'Date',
    }),
    leaderName: t.exposeString('leaderName', {
      description: '督办领导 The name of the leader supervising it.',
    }),
    leaderTitle: t.exposeString('leaderTitle', {
      description: "职务 The supervising leader's post.",
    }),
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
      description: '提案 The proposal.',
      type: ProposalType,
      nullable: true,
      resolve: (k, _a, ctx) => ctx.loaders.one(ProposalSchema).load(k.proposalId),
    }),
    supervision: t.field({
      description: '督办记录 The supervision held on it.',
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
      topLeader: t.arg.boolean({
        description: 'Only those a top leader supervises (true) or only others (false).',
        required: false,
      }),
      fromConsultation: t.arg.boolean({
        required: false,
        description:
          'Only those that name a consultation activity or research project they grew from (一体两用), or only others.',
      }),
      ...pageArgs(t),
    },
    resolve: (
      _r,
      { district, year, from, to, topLeader, fromConsultation, first, after, last, before },
      ctx,
    ) => {
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
      return findPage(ctx.em, KeyProposalSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

const KeyInput = builder.inputType('DesignateKeyProposalInput', {
  description: 'What `designateKeyProposal` takes.',
  fields: (t) => ({
    proposalId: t.id({ description: "The proposal's id.", required: true }),
    year: t.int({ description: 'The year it is a key proposal for.', required: true }),
    chairMeetingOn: t.field({
      type: 'Date',
      required: true,
      description: 'Day of the chair meeting (主席会议) that chose it.',
    }),
    leaderName: t.string({ description: 'The name of the leader supervising it.', required: true }),
    leaderTitle: t.string({ required: true, description: 'e.g. 市委书记, 市长, 市政协主席.' }),
    topLeader: t.boolean({
      description: 'Whether a top leader supervises it (default false).',
      required: false,
    }),
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
      id: t.arg.id({ description: "The key proposal's id.", required: true }),
      consultationId: t.arg.id({
        description: 'The id of the consultation activity it came from, if any.',
        required: false,
      }),
      researchProjectId: t.arg.id({
        description: 'The id of the research project it came from, if any.',
        required: false,
      }),
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
      keyProposalId: t.arg.id({ description: "The key proposal's id.", required: true }),
      kind: t.arg({
        description: 'The kind of supervision.',
        type: SupervisionKindType,
        required: true,
      }),
      heldOn: t.arg({ description: 'The day of the supervision.', type: 'Date', required: true }),
      text: t.arg.string({ description: 'What was done and found.', required: true }),
    },
    resolve: (_r, { keyProposalId, kind, heldOn, text }, ctx) =>
      recordSupervision(ctx, parseId(keyProposalId, 'keyProposalId'), kind, heldOn, text),
  }),
);
