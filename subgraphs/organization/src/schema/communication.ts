import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  type Page,
  titleSchema,
  TITLE_DESCRIPTION,
  districtWhere,
  includeBelowArg,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  addCampaignEntry,
  closeCampaign,
  draftCommunication,
  moveCommunication,
  openCampaign,
} from '../commands/communications.js';
import {
  CAMPAIGN_KINDS,
  CAMPAIGN_STATUSES,
  CampaignEntrySchema,
  COMMUNICATION_KINDS,
  COMMUNICATION_STATUSES,
  CommunicationSchema,
  ConsensusCampaignSchema,
  type CampaignEntry,
  type Communication,
  type ConsensusCampaign,
} from '../entities/communication.entity.js';
import { communicationWorkflow } from '../workflow.js';
import { MemberRef } from './member.js';

export const CommunicationKindType = builder.enumType('CommunicationKind', {
  values: COMMUNICATION_KINDS,
  description: '致委员的一封信, 通知, 倡议书.',
});
export const CommunicationStatusType = builder.enumType('CommunicationStatus', {
  values: COMMUNICATION_STATUSES,
});
export const CampaignKindType = builder.enumType('CampaignKind', {
  values: CAMPAIGN_KINDS,
  description: '征文, 文集, 书画展.',
});
export const CampaignStatusType = builder.enumType('CampaignStatus', { values: CAMPAIGN_STATUSES });

export const CommunicationType = builder.objectRef<Communication>('Communication').implement({
  description:
    'An open letter, notice or initiative letter: to whom, when and why. Public once issued.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: CommunicationKindType, resolve: (c) => c.kind }),
    title: t.exposeString('title'),
    audience: t.exposeString('audience'),
    occasion: t.exposeString('occasion', { description: 'Why it was sent.' }),
    body: t.exposeString('body'),
    issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true }),
    status: t.field({ type: CommunicationStatusType, resolve: (c) => c.status }),
    availableActions: t.stringList({
      resolve: (c, _a, ctx) => communicationWorkflow.available(ctx, c),
    }),
  }),
});

export const CampaignEntryType = builder.objectRef<CampaignEntry>('CampaignEntry').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    author: t.exposeString('author'),
    title: t.exposeString('title'),
    award: t.exposeString('award', { nullable: true }),
    submittedOn: t.expose('submittedOn', { type: 'Date' }),
    member: t.field({
      type: MemberRef,
      nullable: true,
      description: 'Null for an artist who is not a member.',
      resolve: (e) => (e.memberId ? { id: String(e.memberId) } : null),
    }),
  }),
});

export const ConsensusCampaignType = builder
  .objectRef<ConsensusCampaign>('ConsensusCampaign')
  .implement({
    description: 'An essay contest, anthology or exhibition with its entries. Public.',
    fields: (t) => ({
      id: t.exposeID('id'),
      kind: t.field({ type: CampaignKindType, resolve: (c) => c.kind }),
      title: t.exposeString('title'),
      theme: t.exposeString('theme'),
      opensOn: t.expose('opensOn', { type: 'Date' }),
      closesOn: t.expose('closesOn', { type: 'Date' }),
      status: t.field({ type: CampaignStatusType, resolve: (c) => c.status }),
      entries: t.field({
        type: [CampaignEntryType],
        resolve: (c, _a, ctx) => ctx.loaders.many(CampaignEntrySchema, 'campaignId').load(c.id),
      }),
      participatingMembers: t.int({
        description: 'Distinct members with an entry (XX位政协人).',
        resolve: async (c, _a, ctx) =>
          new Set(
            (await ctx.loaders.many(CampaignEntrySchema, 'campaignId').load(c.id))
              .filter((e) => e.memberId)
              .map((e) => e.memberId),
          ).size,
      }),
      participatingArtists: t.int({
        description: 'Distinct authors who are not members (XX多位艺术家).',
        resolve: async (c, _a, ctx) =>
          new Set(
            (await ctx.loaders.many(CampaignEntrySchema, 'campaignId').load(c.id))
              .filter((e) => !e.memberId)
              .map((e) => e.author),
          ).size,
      }),
    }),
  });

const CommunicationConnection = connectionType<Communication>(
  builder,
  'Communication',
  CommunicationType,
);
const ConsensusCampaignConnection = connectionType<ConsensusCampaign>(
  builder,
  'ConsensusCampaign',
  ConsensusCampaignType,
);

builder.queryField('communications', (t) =>
  t.field({
    type: CommunicationConnection,
    args: {
      district: t.arg.id({ required: false }),
      kind: t.arg({ type: CommunicationKindType, required: false }),
      ...periodArgs(t, 'day of issue (issuedOn; drafts have none)'),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, kind, from, to, first, after },
      ctx,
    ): Promise<Page<Communication>> => {
      const where: FilterQuery<Communication> = periodWhere('issuedOn', { from, to });
      if (district) where.district = String(district);
      if (kind) where.kind = kind;
      return findPage(ctx.em, CommunicationSchema, where, { first, after });
    },
  }),
);

builder.queryField('consensusCampaigns', (t) =>
  t.field({
    type: ConsensusCampaignConnection,
    args: {
      district: t.arg.id({ required: false }),
      ...includeBelowArg(t),
      kind: t.arg({ type: CampaignKindType, required: false }),
      ...periodArgs(t, 'opening day (opensOn)'),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { district, includeBelow, kind, from, to, first, after },
      ctx,
    ): Promise<Page<ConsensusCampaign>> => {
      const where: FilterQuery<ConsensusCampaign> = {
        ...periodWhere('opensOn', { from, to }),
        ...(await districtWhere(ctx, district, includeBelow)),
      };
      if (kind) where.kind = kind;
      return findPage(ctx.em, ConsensusCampaignSchema, where, { first, after });
    },
  }),
);

const text = (min: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);

const DraftInput = builder.inputType('DraftCommunicationInput', {
  fields: (t) => ({
    district: t.id({ required: true }),
    kind: t.field({ type: CommunicationKindType, required: true }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    audience: t.string({ required: true, validate: text(2) }),
    occasion: t.string({ required: true, validate: text(2) }),
    body: t.string({ required: true, validate: text(1) }),
  }),
});

builder.mutationField('draftCommunication', (t) =>
  t.field({
    type: CommunicationType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: DraftInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      draftCommunication(ctx, {
        district: String(input.district),
        kind: input.kind,
        title: input.title.trim(),
        audience: input.audience.trim(),
        occasion: input.occasion.trim(),
        body: input.body.trim(),
      }),
  }),
);

const IssueInput = builder.inputType('IssueCommunicationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    issuedOn: t.field({ type: 'Date', required: true }),
    note: t.string({ required: false }),
  }),
});

builder.mutationField('issueCommunication', (t) =>
  t.field({
    type: CommunicationType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: IssueInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      moveCommunication(
        ctx,
        parseId(input.id, 'input.id'),
        'issue',
        input.issuedOn,
        input.note ?? null,
      ),
  }),
);

const WithdrawInput = builder.inputType('WithdrawCommunicationInput', {
  fields: (t) => ({ id: t.id({ required: true }), note: t.string({ required: false }) }),
});

builder.mutationField('withdrawCommunication', (t) =>
  t.field({
    type: CommunicationType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: WithdrawInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      moveCommunication(ctx, parseId(input.id, 'input.id'), 'withdraw', null, input.note ?? null),
  }),
);

const OpenCampaignInput = builder.inputType('OpenCampaignInput', {
  fields: (t) => ({
    district: t.id({ required: true }),
    kind: t.field({ type: CampaignKindType, required: true }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    theme: t.string({ required: true, validate: text(1) }),
    opensOn: t.field({ type: 'Date', required: true }),
    closesOn: t.field({ type: 'Date', required: true }),
  }),
});

builder.mutationField('openCampaign', (t) =>
  t.field({
    type: ConsensusCampaignType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: OpenCampaignInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      openCampaign(ctx, {
        district: String(input.district),
        kind: input.kind,
        title: input.title.trim(),
        theme: input.theme.trim(),
        opensOn: input.opensOn,
        closesOn: input.closesOn,
      }),
  }),
);

const EntryInput = builder.inputType('AddCampaignEntryInput', {
  fields: (t) => ({
    campaign: t.id({ required: true }),
    member: t.id({
      required: false,
      description: 'The member who made it; leave out for an outside artist and give author.',
    }),
    author: t.string({ required: false }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    award: t.string({ required: false }),
    submittedOn: t.field({ type: 'Date', required: true }),
  }),
});

builder.mutationField('addCampaignEntry', (t) =>
  t.field({
    type: CampaignEntryType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: EntryInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addCampaignEntry(ctx, {
        campaign: parseId(input.campaign, 'input.campaign'),
        member: input.member ? String(input.member) : null,
        author: input.author ?? null,
        title: input.title.trim(),
        award: input.award?.trim() || null,
        submittedOn: input.submittedOn,
      }),
  }),
);

const CloseCampaignInput = builder.inputType('CloseCampaignInput', {
  fields: (t) => ({ id: t.id({ required: true }), note: t.string({ required: false }) }),
});

builder.mutationField('closeCampaign', (t) =>
  t.field({
    type: ConsensusCampaignType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: CloseCampaignInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      closeCampaign(ctx, parseId(input.id, 'input.id'), input.note ?? null),
  }),
);
