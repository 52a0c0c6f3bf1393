import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  pagedList,
  capped,
  listBoundArg,
} from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { createDonationCampaign, recordDonation } from '../commands/donations.js';
import {
  DonationCampaignSchema,
  DonationSchema,
  type Donation,
  type DonationCampaign,
} from '../entities/donation.entity.js';
import { MemberSchema } from '../entities/member.entity.js';
import { DistrictRef } from './district.js';
import { MemberType } from './member.js';

const yuan = (fen: number | string) => Number(fen) / 100;

export const DonationKindType = builder.enumType('DonationKind', {
  description: '捐赠类别 Money or goods.',
  values: describedValues(['MONEY', 'GOODS'] as const, {
    MONEY: '捐款 Money.',
    GOODS: '捐物 Goods.',
  }),
});

export const DonationType = builder.objectRef<Donation>('Donation').implement({
  description: '捐赠 One donation to a donation drive, by a member or an organization.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The Donation's id." }),
    kind: t.field({
      description: '捐赠类别 Money or goods.',
      type: DonationKindType,
      resolve: (d) => d.kind,
    }),
    amountYuan: t.float({
      description: 'Money, or the value of goods, in yuan.',
      resolve: (d) => yuan(d.amountFen),
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: '说明 What was given, in words, if written.',
    }),
    donatedOn: t.expose('donatedOn', {
      description: '捐赠日期 The day of the donation.',
      type: 'Date',
    }),
    organization: t.exposeString('organization', {
      description: '捐赠单位 The donating organisation, when not a member.',
      nullable: true,
    }),
    member: t.field({
      description: '委员 The donating member, if a member gave it.',
      type: MemberType,
      nullable: true,
      resolve: (d, _args, ctx) =>
        d.memberId ? ctx.loaders.one(MemberSchema).load(d.memberId) : null,
    }),
  }),
});

export const DonationCampaignType = builder
  .objectRef<DonationCampaign>('DonationCampaign')
  .implement({
    description: '捐款捐物活动: a donation drive, with what members and organisations gave.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The DonationCampaign's id." }),
      title: t.exposeString('title', { description: "标题 The campaign's title." }),
      purpose: t.exposeString('purpose', { description: '目的 What the donations are for.' }),
      startsOn: t.expose('startsOn', {
        description: "开始日期 The campaign's first day.",
        type: 'Date',
      }),
      endsOn: t.expose('endsOn', {
        description: "结束日期 The campaign's last day.",
        type: 'Date',
      }),
      district: t.field({
        description: 'The district whose committee it belongs to.',
        type: DistrictRef,
        nullable: true,
        resolve: (c) => ({ code: c.district }),
      }),
      donations: t.field({
        description: '捐赠 The donations recorded.',
        type: [DonationType],
        args: listBoundArg(t, 'donations'),
        resolve: async (c, { first }, ctx) =>
          capped(await ctx.loaders.many(DonationSchema, 'campaignId').load(c.id), first),
      }),
      totalYuan: t.float({
        description: 'Money and goods together.',
        resolve: async (c, _args, ctx) =>
          yuan(
            (await ctx.loaders.many(DonationSchema, 'campaignId').load(c.id)).reduce(
              (s, d) => s + Number(d.amountFen),
              0,
            ),
          ),
      }),
      donorMembers: t.int({
        description: 'Members who gave at least once.',
        resolve: async (c, _args, ctx) =>
          new Set(
            (await ctx.loaders.many(DonationSchema, 'campaignId').load(c.id)).flatMap((d) =>
              d.memberId ? [d.memberId] : [],
            ),
          ).size,
      }),
    }),
  });

const DonationCampaignConnection = connectionType<DonationCampaign>(
  builder,
  'DonationCampaign',
  DonationCampaignType,
);

builder.queryField('donationCampaigns', (t) =>
  t.field({
    description:
      "捐款捐物 Donation drives, by district and by their first day (`from`/`to` bound `startsOn`, inclusive). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: DonationCampaignConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...periodArgs(t, 'first day (startsOn)'),
      ...pageArgs(t),
    },
    resolve: (_root, { district, from, to, first, after, last, before }, ctx) =>
      findPage(
        ctx.em,
        DonationCampaignSchema,
        {
          ...periodWhere('startsOn', { from, to }),
          ...(district ? { district: String(district) } : {}),
        },
        { first, after, last, before },
      ),
  }),
);

const DonationConnection = connectionType<Donation>(builder, 'Donation', DonationType);

pagedList(builder, MemberType, {
  name: 'donations',
  node: DonationType,
  connection: DonationConnection,
  what: 'donations',
  listDescription: "捐赠 The member's donations to donation drives.",
  description: "捐赠 The member's donations to donation drives, oldest first, a page at a time.",
  page: (m, args, ctx) => ctx.loaders.page(DonationSchema, 'memberId', args).load(m.id),
});

const CampaignInput = builder.inputType('CreateDonationCampaignInput', {
  description: 'What `createDonationCampaign` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    purpose: t.string({
      description: 'What the donations are for; must not be empty.',
      required: true,
      validate: z.string().trim().min(1, 'must not be empty'),
    }),
    startsOn: t.field({ description: "The campaign's first day.", type: 'Date', required: true }),
    endsOn: t.field({ description: "The campaign's last day.", type: 'Date', required: true }),
  }),
});

const DonationInput = builder.inputType('RecordDonationInput', {
  description: 'What `recordDonation` takes.',
  fields: (t) => ({
    campaignId: t.id({ description: "The campaign's id.", required: true }),
    memberId: t.id({ required: false, description: 'The donating member; or give organization.' }),
    organization: t.string({
      description: 'The donating organisation, when not a member.',
      required: false,
    }),
    kind: t.field({
      description: '捐赠类别 Money or goods.',
      type: DonationKindType,
      required: true,
    }),
    amountYuan: t.float({
      description: 'The amount (or value of goods) in yuan: more than 0, at most 1,000,000,000.',
      required: true,
      validate: z.number().positive('must be more than zero').max(1e9),
    }),
    description: t.string({ required: false, description: 'What was given, in words.' }),
    donatedOn: t.field({ description: 'The day of the donation.', type: 'Date', required: true }),
  }),
});

builder.mutationField('createDonationCampaign', (t) =>
  t.field({
    description:
      'Staff open a donation drive (捐款捐物) for their district, with its purpose and its first and last days.',
    type: DonationCampaignType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `createDonationCampaign` takes (`CreateDonationCampaignInput`).',
        type: CampaignInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      createDonationCampaign(ctx, {
        ...input,
        district: String(input.district),
        title: input.title.trim(),
        purpose: input.purpose.trim(),
      }),
  }),
);

builder.mutationField('recordDonation', (t) =>
  t.field({
    description:
      "Staff record a donation to a drive: from exactly one of a member (`memberId`) or an organization (rule `one-of`); a member's donation enters their duty record.",
    type: DonationType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `recordDonation` takes (`RecordDonationInput`).',
        type: DonationInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordDonation(ctx, {
        campaignId: parseId(input.campaignId, 'input.campaignId'),
        memberId: input.memberId ? parseId(input.memberId, 'input.memberId') : null,
        organization: input.organization?.trim() || null,
        kind: input.kind,
        amountFen: Math.round(input.amountYuan * 100),
        description: input.description ?? null,
        donatedOn: input.donatedOn,
      }),
  }),
);
