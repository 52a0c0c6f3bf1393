import { emit, syncSequence, writeInBatches, type EntityManager, type SeedOptions } from '@cppcc/kit';
import { campaigns, donations, members } from '@cppcc/demo';
import { donationMade } from '@cppcc/events';
import { DonationCampaignSchema, DonationSchema } from './entities/donation.entity.js';
import { MemberSchema } from './entities/member.entity.js';
import { announceMember } from './commands/announce-member.js';

export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  // Organization and proposals replicate members from these announcements, as from live ones.
  const appointed = new Date('2021-12-20T00:00:00.000Z');
  await writeInBatches(em, members(scale), (m) => {
    const member = em.create(MemberSchema, {
      id: m.id,
      district: m.district,
      name: m.name,
      gender: m.gender,
      ethnicity: m.ethnicity,
      party: m.party,
      sectorId: m.sectorId,
      workUnit: m.workUnit,
      title: m.title,
      standingCommittee: m.standingCommittee,
      status: 'ACTIVE',
      termId: null,
      public: true,
    });
    announceMember(em, 'members', member, appointed);
  }, progress);
  await syncSequence(em, 'member');

  for (const c of campaigns) em.create(DonationCampaignSchema, { ...c, public: true });
  let id = 0;
  // Members' donations reach their duty records through the bus, as live ones do.
  await writeInBatches(em, donations(scale), (d) => {
    const campaign = campaigns.find((c) => c.id === d.campaignId)!;
    em.create(DonationSchema, { ...d, id: ++id, district: campaign.district, public: true });
    if (d.memberId !== null) {
      const payload = { donationId: String(id), campaignId: String(campaign.id), memberId: String(d.memberId), campaign: campaign.title, amountFen: d.amountFen, donatedOn: d.donatedOn };
      emit(em, 'members', donationMade, payload, campaign.district);
    }
  });
  await syncSequence(em, 'donation_campaign');
  await syncSequence(em, 'donation');
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(MemberSchema, {})) > 0;
}
