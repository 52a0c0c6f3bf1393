import {
  assertWritableDistrict,
  emit,
  inputError,
  notFound,
  type RequestContext,
} from '@cppcc/kit';
import { donationMade } from '@cppcc/events';
import {
  DonationCampaignSchema,
  DonationSchema,
  type Donation,
  type DonationCampaign,
} from '../entities/donation.entity.js';
import { MemberSchema } from '../entities/member.entity.js';

export interface CampaignInput {
  district: string;
  title: string;
  purpose: string;
  startsOn: string;
  endsOn: string;
}

export async function createDonationCampaign(
  ctx: RequestContext,
  input: CampaignInput,
): Promise<DonationCampaign> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  if (input.endsOn < input.startsOn)
    throw inputError('input.endsOn', 'order', 'must not be before startsOn');
  const campaign = ctx.em.create(DonationCampaignSchema, { ...input, public: true });
  await ctx.em.flush();
  return campaign;
}

export interface DonationInput {
  campaignId: number;
  memberId: number | null;
  organization: string | null;
  kind: 'MONEY' | 'GOODS';
  amountFen: number;
  description: string | null;
  donatedOn: string;
}

/** Staff record a donation; a member's donation enters their duty record through the bus. */
export async function recordDonation(ctx: RequestContext, input: DonationInput): Promise<Donation> {
  const campaign = await ctx.em.findOne(DonationCampaignSchema, { id: input.campaignId });
  if (!campaign) throw notFound('donation campaign', input.campaignId);
  await assertWritableDistrict(ctx, campaign.district, 'input.campaignId');
  if ((input.memberId === null) === (input.organization === null)) {
    throw inputError('input.memberId', 'one-of', 'give exactly one of memberId and organization');
  }
  if (input.donatedOn < campaign.startsOn || input.donatedOn > campaign.endsOn) {
    throw inputError(
      'input.donatedOn',
      'range',
      `must fall within the campaign (${campaign.startsOn} to ${campaign.endsOn})`,
    );
  }
  if (input.memberId !== null) {
    const member = await ctx.em.findOne(MemberSchema, { id: input.memberId }, { filters: false });
    if (!member) throw inputError('input.memberId', 'exists', `no member has id ${input.memberId}`);
    // The donor must be one of the caller's own members, not another district's.
    await assertWritableDistrict(ctx, member.district, 'input.memberId');
  }
  return ctx.em.transactional(async (em) => {
    const donation = em.create(DonationSchema, {
      ...input,
      district: campaign.district,
      public: true,
    });
    await em.flush();
    if (input.memberId !== null) {
      emit(
        em,
        ctx.module,
        donationMade,
        {
          donationId: String(donation.id),
          campaignId: String(campaign.id),
          memberId: String(input.memberId),
          campaign: campaign.title,
          amountFen: input.amountFen,
          donatedOn: input.donatedOn,
        },
        campaign.district,
      );
    }
    return donation;
  });
}
