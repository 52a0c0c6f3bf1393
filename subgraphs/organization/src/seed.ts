import { districtRegistered, emit, syncSequence, writeInBatches, type EntityManager, type SeedOptions } from '@cppcc/kit';
import { committees, districts, members, sectors } from '@cppcc/demo';
import { CommitteeMembershipSchema } from './entities/committee-membership.entity.js';
import { DistrictSchema } from './entities/district.entity.js';
import { SectorSchema } from './entities/sector.entity.js';
import { SpecialCommitteeSchema } from './entities/special-committee.entity.js';

const TERM_START = '2021-12-20';
const REFORM_DAY = '2025-03-01';

export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  for (const d of districts) {
    em.create(DistrictSchema, { code: d.code, name: d.name, level: d.level, parentCode: d.parent });
    emit(em, 'organization', districtRegistered, { code: d.code, name: d.name, parentCode: d.parent }, d.code);
  }
  for (const c of committees) {
    em.create(SpecialCommitteeSchema, {
      id: c.id,
      district: c.district,
      name: c.name,
      functions: c.functions,
      status: 'ACTIVE',
      establishedOn: c.establishedInReform ? REFORM_DAY : TERM_START,
      public: true,
    });
  }
  for (const s of sectors) em.create(SectorSchema, { id: s.id, name: s.name, group: s.group });
  await em.flush();
  await syncSequence(em, 'special_committee');
  await syncSequence(em, 'sector');

  // Seats of the demo members (全员入委); the reform's committee took its members on its first day.
  await writeInBatches(em, members(scale), (m) => {
    for (const seat of m.committees) {
      const committee = committees.find((c) => c.id === seat.committeeId)!;
      const joinedOn = committee.establishedInReform ? REFORM_DAY : TERM_START;
      em.create(CommitteeMembershipSchema, { district: m.district, memberId: m.id, committeeId: seat.committeeId, role: seat.role, joinedOn, leftOn: null, status: 'ACTIVE', public: true });
    }
  }, progress);
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(DistrictSchema, {})) > 0;
}
