import { defineModule, districtRegistered } from '@cppcc/kit';
import { DistrictSchema } from './entities/district.entity.js';
import { SectorSchema } from './entities/sector.entity.js';
import { SpecialCommitteeSchema } from './entities/special-committee.entity.js';
import { initial } from './migrations/0001-initial.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/** Organization & party building: districts, special committees, sectors. */
export const organization = defineModule({
  name: 'organization',
  port: 4101,
  schema,
  entities: [DistrictSchema, SpecialCommitteeSchema, SectorSchema],
  migrations: [initial],
  emits: [districtRegistered],
  seed,
  isSeeded,
});
