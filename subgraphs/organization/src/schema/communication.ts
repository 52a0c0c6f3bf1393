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
  describedValues,
  AVAILABLE_ACTIONS_DESCRIPTION,
  districtWhere,
  includeBelowArg,
  NOTE_DESCRIPTION,
  capped,
  listBoundArg,
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
  values: describedValues(COMMUNICATION_KINDS, {
    OPEN_LETTER: '致委员的一封信 An open letter to all members.',
    NOTICE: '通知 A notice.',
    INITIATIVE_LETTER: '倡议书 An initiative letter.',
  }),
  description: '致委员的一封信, 通知, 倡议书.',
});
export const CommunicationStatusType = builder.enumType('CommunicationStatus', {
  description: '文件状态 Where a letter or notice stands: DRAFT → ISSUED | WITHDRAWN.',
  values: describedValues(COMMUNICATION_STATUSES, {
    DRAFT: '草稿 Being drafted; staff issue or withdraw it.',
    ISSUED: '已印发 Issued.',
    WITHDRAWN: '已撤回 Withdrawn before it was issued.',
  }),
});
export const CampaignKindType = builder.enumType('CampaignKind', {
  values: describedValues(CAMPAIGN_KINDS, {
    ESSAY_CONTEST: '征文 An essay contest.',
    ANTHOLOGY: '文集 An anthology.',
    EXHIBITION: '书画展 A calligraphy and painting exhibition.',
  }),
  description: '征文, 文集, 书画展.',
});
export const CampaignStatusType = builder.enumType('CampaignStatus', {
  description: '活动状态 Whether a consensus-building campaign takes entries.',
  values: describedValues(CAMPAIGN_STATUSES, {
    OPEN: '进行中 Open; takes entries within its dates.',
    CLOSED: '已结束 Closed; takes no entries.',
  }),
});

export const CommunicationType = builder.objectRef<Communication>('Communication').implement({
  description:
    'An open letter, notice or initiative letter: to whom, when and why. Public once issued.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The Communication's id." }),
    kind: t.field({
      description: '致委员的一封信, 通知, 倡议书.',
      type: CommunicationKindType,
      resolve: (c) => c.kind,
    }),
    title: t.exposeString('title', { description: "标题 The letter's or notice's title." }),
    audience: t.exposeString('audience', { description: '对象 To whom it is addressed.' }),
    occasion: t.exposeString('occasion', { description: 'Why it was sent.' }),
    body: t.exposeString('body', { description: '正文 Its text.' }),
    issuedOn: t.expose('issuedOn', {
      description: '发出日期 The day it was issued; null while a draft.',
      type: 'Date',
      nullable: true,
    }),
    status: t.field({
      description: '文件状态 Where a letter or notice stands.',
      type: CommunicationStatusType,
      resolve: (c) => c.status,
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: (c, _a, ctx) => communicationWorkflow.available(ctx, c),
    }),
  }),
});

export const CampaignEntryType = builder.objectRef<CampaignEntry>('CampaignEntry').implement({
  description: '作品 An entry to a consensus-building campaign, by a member or an outside author.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The CampaignEntry's id." }),
    author: t.exposeString('author', {
      description: "作者 Who made the entry (a member's name or an outside artist).",
    }),
    title: t.exposeString('title', { description: "标题 The entry's title." }),
    award: t.exposeString('award', {
      description: '奖项 The award it won, if any.',
      nullable: true,
    }),
    submittedOn: t.expose('submittedOn', {
      description: '提交日期 The day it was submitted.',
      type: 'Date',
    }),
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
      id: t.exposeID('id', { description: "The ConsensusCampaign's id." }),
      kind: t.field({
        description: '征文, 文集, 书画展.',
        type: CampaignKindType,
        resolve: (c) => c.kind,
      }),
      title: t.exposeString('title', { description: "标题 The campaign's title." }),
      theme: t.exposeString('theme', { description: '主题 What the campaign is about.' }),
      opensOn: t.expose('opensOn', {
        description: '开始日期 The first day it takes entries.',
        type: 'Date',
      }),
      closesOn: t.expose('closesOn', {
        description: '截止日期 The last day it takes entries.',
        type: 'Date',
      }),
      status: t.field({
        description: '活动状态 Whether a consensus-building campaign takes entries.',
        type: CampaignStatusType,
        resolve: (c) => c.status,
      }),
      entries: t.field({
        description: '作品 The entries submitted.',
        type: [CampaignEntryType],
        args: listBoundArg(t, 'entries'),
        resolve: async (c, { first }, ctx) =>
          capped(await ctx.loaders.many(CampaignEntrySchema, 'campaignId').load(c.id), first),
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
    description:
      "公开信/通知/倡议书 Letters, notices and initiative letters; `from`/`to` bound the day of issue (`issuedOn`; drafts have none). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: CommunicationConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      kind: t.arg({
        description: 'Only letters or notices of this kind.',
        type: CommunicationKindType,
        required: false,
      }),
      ...periodArgs(t, 'day of issue (issuedOn; drafts have none)'),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, kind, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<Communication>> => {
      const where: FilterQuery<Communication> = periodWhere('issuedOn', { from, to });
      if (district) where.district = String(district);
      if (kind) where.kind = kind;
      return findPage(ctx.em, CommunicationSchema, where, { first, after, last, before });
    },
  }),
);

builder.queryField('consensusCampaigns', (t) =>
  t.field({
    description:
      "征文/书画展 Consensus-building campaigns (essay contests, exhibitions); `from`/`to` bound the opening day (`opensOn`). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: ConsensusCampaignConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...includeBelowArg(t),
      kind: t.arg({
        description: 'Only campaigns of this kind.',
        type: CampaignKindType,
        required: false,
      }),
      ...periodArgs(t, 'opening day (opensOn)'),
      ...pageArgs(t),
    },
    resolve: async (
      _root,
      { district, includeBelow, kind, from, to, first, after, last, before },
      ctx,
    ): Promise<Page<ConsensusCampaign>> => {
      const where: FilterQuery<ConsensusCampaign> = {
        ...periodWhere('opensOn', { from, to }),
        ...(await districtWhere(ctx, district, includeBelow)),
      };
      if (kind) where.kind = kind;
      return findPage(ctx.em, ConsensusCampaignSchema, where, { first, after, last, before });
    },
  }),
);

const text = (min: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);

const DraftInput = builder.inputType('DraftCommunicationInput', {
  description: 'What `draftCommunication` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    kind: t.field({
      description: '致委员的一封信, 通知, 倡议书.',
      type: CommunicationKindType,
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    audience: t.string({
      description: 'To whom it is addressed: at least 2 characters.',
      required: true,
      validate: text(2),
    }),
    occasion: t.string({
      description: 'Why it is sent: at least 2 characters.',
      required: true,
      validate: text(2),
    }),
    body: t.string({
      description: 'Its text; must not be empty.',
      required: true,
      validate: text(1),
    }),
  }),
});

builder.mutationField('draftCommunication', (t) =>
  t.field({
    description: 'Staff draft a letter, notice or initiative letter (DRAFT).',
    type: CommunicationType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `draftCommunication` takes (`DraftCommunicationInput`).',
        type: DraftInput,
        required: true,
      }),
    },
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
  description: 'What `issueCommunication` takes.',
  fields: (t) => ({
    id: t.id({ description: "The Communication's id.", required: true }),
    issuedOn: t.field({ description: 'The day it is issued.', type: 'Date', required: true }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('issueCommunication', (t) =>
  t.field({
    description: 'Staff issue a DRAFT communication (→ ISSUED) on a day.',
    type: CommunicationType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `issueCommunication` takes (`IssueCommunicationInput`).',
        type: IssueInput,
        required: true,
      }),
    },
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
  description: 'What `withdrawCommunication` takes.',
  fields: (t) => ({
    id: t.id({ required: true, description: "The Communication's id." }),
    note: t.string({ required: false, description: NOTE_DESCRIPTION }),
  }),
});

builder.mutationField('withdrawCommunication', (t) =>
  t.field({
    description: 'Staff withdraw a DRAFT communication (→ WITHDRAWN); an issued one stays.',
    type: CommunicationType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `withdrawCommunication` takes (`WithdrawCommunicationInput`).',
        type: WithdrawInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      moveCommunication(ctx, parseId(input.id, 'input.id'), 'withdraw', null, input.note ?? null),
  }),
);

const OpenCampaignInput = builder.inputType('OpenCampaignInput', {
  description: 'What `openCampaign` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    kind: t.field({ description: '征文, 文集, 书画展.', type: CampaignKindType, required: true }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    theme: t.string({
      description: 'What it is about; must not be empty.',
      required: true,
      validate: text(1),
    }),
    opensOn: t.field({
      description: 'The first day it takes entries.',
      type: 'Date',
      required: true,
    }),
    closesOn: t.field({
      description: 'The last day it takes entries.',
      type: 'Date',
      required: true,
    }),
  }),
});

builder.mutationField('openCampaign', (t) =>
  t.field({
    description:
      'Staff open a consensus-building campaign (OPEN): its kind, title (5 to 200 characters), theme and dates.',
    type: ConsensusCampaignType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `openCampaign` takes (`OpenCampaignInput`).',
        type: OpenCampaignInput,
        required: true,
      }),
    },
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
  description: 'What `addCampaignEntry` takes.',
  fields: (t) => ({
    campaign: t.id({
      description: "The campaign's id; it must be open and submittedOn within its dates.",
      required: true,
    }),
    member: t.id({
      required: false,
      description: 'The member who made it; leave out for an outside artist and give author.',
    }),
    author: t.string({
      description: "The author's name; required when no member is given.",
      required: false,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    award: t.string({ description: 'The award it won, if any.', required: false }),
    submittedOn: t.field({
      description: 'The day it was submitted.',
      type: 'Date',
      required: true,
    }),
  }),
});

builder.mutationField('addCampaignEntry', (t) =>
  t.field({
    description:
      'Staff add an entry while the campaign is OPEN and within its dates: by a member of the district (`member`) or by an outside artist (`author` only).',
    type: CampaignEntryType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `addCampaignEntry` takes (`AddCampaignEntryInput`).',
        type: EntryInput,
        required: true,
      }),
    },
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
  description: 'What `closeCampaign` takes.',
  fields: (t) => ({
    id: t.id({ required: true, description: "The ConsensusCampaign's id." }),
    note: t.string({ required: false, description: NOTE_DESCRIPTION }),
  }),
});

builder.mutationField('closeCampaign', (t) =>
  t.field({
    description: 'Staff close an OPEN campaign (→ CLOSED).',
    type: ConsensusCampaignType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `closeCampaign` takes (`CloseCampaignInput`).',
        type: CloseCampaignInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      closeCampaign(ctx, parseId(input.id, 'input.id'), input.note ?? null),
  }),
);
