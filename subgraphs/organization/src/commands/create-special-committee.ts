import { assertWritableDistrict, type RequestContext } from '@cppcc/kit';
import { SpecialCommitteeSchema, type SpecialCommittee } from '../entities/special-committee.entity.js';

export interface CreateSpecialCommittee {
  district: string;
  name: string;
  functions: string;
  establishedOn: string | null;
}

export async function createSpecialCommittee(ctx: RequestContext, input: CreateSpecialCommittee): Promise<SpecialCommittee> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  const committee = ctx.em.create(SpecialCommitteeSchema, {
    district: input.district,
    name: input.name.trim(),
    functions: input.functions.trim(),
    status: 'ACTIVE',
    establishedOn: input.establishedOn,
    public: true,
  });
  await ctx.em.flush();
  return committee;
}
