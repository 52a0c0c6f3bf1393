import {
  appError,
  assertWritableDistrict,
  audit,
  ErrorCode,
  inputError,
  notFound,
  parseId,
  type RequestContext,
} from '@cppcc/kit';
import { assertOrder } from '../dates.js';
import {
  CampaignEntrySchema,
  CommunicationSchema,
  ConsensusCampaignSchema,
  type CampaignEntry,
  type CampaignKind,
  type Communication,
  type CommunicationKind,
  type ConsensusCampaign,
} from '../entities/communication.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';
import { campaignWorkflow, communicationWorkflow } from '../workflow.js';
import { auditRecorded } from './recorded.js';
import { withDistrictsBelow } from '../statistics.js';

export async function draftCommunication(
  ctx: RequestContext,
  input: {
    district: string;
    kind: CommunicationKind;
    title: string;
    audience: string;
    occasion: string;
    body: string;
  },
): Promise<Communication> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  return ctx.em.transactional(async (em) => {
    const draft = em.create(CommunicationSchema, {
      ...input,
      issuedOn: null,
      status: 'DRAFT',
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'communication',
      entityId: String(draft.id),
      action: 'draft',
      fromState: null,
      toState: 'DRAFT',
      actor: ctx.caller.userId,
      note: null,
    });
    return draft;
  });
}

/** Issuing dates the letter and makes it public; withdrawing drops a draft. */
export async function moveCommunication(
  ctx: RequestContext,
  id: number,
  action: 'issue' | 'withdraw',
  issuedOn: string | null,
  note: string | null,
): Promise<Communication> {
  const found = await ctx.em.findOne(CommunicationSchema, { id });
  if (!found) throw notFound('communication', id);
  await assertWritableDistrict(ctx, found.district, 'input.id');
  if (action === 'issue' && !issuedOn)
    throw inputError('input.issuedOn', 'required', 'an issued letter has a date');
  return ctx.em.transactional(async (em) => {
    const c = await em.findOneOrFail(CommunicationSchema, { id }, { filters: false });
    communicationWorkflow.apply({ ...ctx, em }, c, action, note);
    if (action === 'issue') Object.assign(c, { issuedOn, public: true });
    return c;
  });
}

export async function openCampaign(
  ctx: RequestContext,
  input: {
    district: string;
    kind: CampaignKind;
    title: string;
    theme: string;
    opensOn: string;
    closesOn: string;
  },
): Promise<ConsensusCampaign> {
  assertOrder(input.opensOn, input.closesOn, 'input.closesOn', 'opensOn');
  await assertWritableDistrict(ctx, input.district, 'input.district');
  return ctx.em.transactional(async (em) => {
    const campaign = em.create(ConsensusCampaignSchema, { ...input, status: 'OPEN', public: true });
    await em.flush();
    audit(em, {
      entity: 'consensus_campaign',
      entityId: String(campaign.id),
      action: 'open',
      fromState: null,
      toState: 'OPEN',
      actor: ctx.caller.userId,
      note: null,
    });
    return campaign;
  });
}

/**
 * An entry by a member of the district (member given) or by an outside artist (author only).
 * Entries come in while the campaign is open and within its dates.
 */
export async function addCampaignEntry(
  ctx: RequestContext,
  input: {
    campaign: number;
    member: string | null;
    author: string | null;
    title: string;
    award: string | null;
    submittedOn: string;
  },
): Promise<CampaignEntry> {
  const campaign = await ctx.loaders.one(ConsensusCampaignSchema).load(input.campaign);
  if (!campaign)
    throw appError(ErrorCode.NOT_FOUND, `input.campaign: no campaign ${input.campaign}`, {
      field: 'input.campaign',
    });
  await assertWritableDistrict(ctx, campaign.district, 'input.campaign');
  campaignWorkflow.check(ctx, campaign, 'addEntry');
  if (input.submittedOn < campaign.opensOn || input.submittedOn > campaign.closesOn) {
    throw inputError(
      'input.submittedOn',
      'range',
      `the campaign ran from ${campaign.opensOn} to ${campaign.closesOn}`,
    );
  }
  let author = input.author?.trim() || null;
  let memberId: number | null = null;
  if (input.member) {
    memberId = parseId(input.member, 'input.member');
    const ref = await ctx.loaders.one(MemberRefSchema, 'memberId').load(memberId);
    if (!ref)
      throw appError(ErrorCode.NOT_FOUND, `input.member: no member ${memberId} is known`, {
        field: 'input.member',
      });
    // A city campaign takes entries from members of every district below it; a district's, its own.
    if (!(await withDistrictsBelow(ctx.em, campaign.district)).includes(ref.district)) {
      throw inputError(
        'input.member',
        'district',
        `member ${memberId} belongs to district ${ref.district}, outside the campaign's district ${campaign.district} and those below it`,
      );
    }
    author = ref.name;
  }
  if (!author)
    throw inputError('input.author', 'required', 'an entry names its member or its author');
  return ctx.em.transactional(async (em) => {
    const dup = await em.count(
      CampaignEntrySchema,
      { campaignId: campaign.id, author, title: input.title },
      { filters: false },
    );
    if (dup)
      throw appError(
        ErrorCode.CONFLICT,
        `input.title: ${author} already entered 《${input.title}》`,
        { field: 'input.title' },
      );
    const entry = em.create(CampaignEntrySchema, {
      district: campaign.district,
      campaignId: campaign.id,
      memberId,
      author,
      title: input.title,
      award: input.award,
      submittedOn: input.submittedOn,
      public: true,
    });
    await em.flush();
    auditRecorded(em, ctx, 'campaign_entry', entry.id, 'RECORDED', `${author}《${input.title}》`);
    return entry;
  });
}

export async function closeCampaign(
  ctx: RequestContext,
  id: number,
  note: string | null,
): Promise<ConsensusCampaign> {
  const found = await ctx.em.findOne(ConsensusCampaignSchema, { id });
  if (!found) throw notFound('campaign', id);
  await assertWritableDistrict(ctx, found.district, 'input.id');
  return ctx.em.transactional(async (em) => {
    const c = await em.findOneOrFail(ConsensusCampaignSchema, { id }, { filters: false });
    campaignWorkflow.apply({ ...ctx, em }, c, 'close', note);
    return c;
  });
}
