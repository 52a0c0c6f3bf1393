import { districtRegistered, emit, syncSequence, type EntityManager } from '@cppcc/kit';
import { committees, districts, sectors } from '@cppcc/demo';
import { DistrictSchema } from './entities/district.entity.js';
import { SectorSchema } from './entities/sector.entity.js';
import { SpecialCommitteeSchema } from './entities/special-committee.entity.js';

export async function seed(em: EntityManager): Promise<void> {
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
      establishedOn: c.establishedInReform ? '2025-03-01' : '2021-12-20',
      public: true,
    });
  }
  for (const s of sectors) em.create(SectorSchema, { id: s.id, name: s.name, group: s.group });
  await em.flush();
  await syncSequence(em, 'special_committee');
  await syncSequence(em, 'sector');
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(DistrictSchema, {})) > 0;
}
