import { syncSequence, writeInBatches, type EntityManager, type SeedOptions } from '@cppcc/kit';
import { members } from '@cppcc/demo';
import { CommitteeMembershipSchema } from './entities/committee-membership.entity.js';
import { MemberSchema } from './entities/member.entity.js';

export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  await writeInBatches(em, members(scale), (m) => {
    em.create(MemberSchema, {
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
      public: true,
    });
    for (const seat of m.committees) {
      em.create(CommitteeMembershipSchema, { district: m.district, memberId: m.id, committeeId: seat.committeeId, role: seat.role, since: '2021-12-20', public: true });
    }
  }, progress);
  await syncSequence(em, 'member');
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(MemberSchema, {})) > 0;
}
