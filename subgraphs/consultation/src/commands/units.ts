import { inputError, type RequestContext } from '@cppcc/kit';
import { UnitRefSchema, type UnitRef } from '../entities/unit-ref.entity.js';

/**
 * Refuses a government unit organization has not announced, one no longer active, or (when
 * `district` is given) one of another district. Reads through the loaders: call it before a
 * transaction.
 */
export async function assertUnit(
  ctx: RequestContext,
  id: number,
  district: string | null,
  field: string,
): Promise<UnitRef> {
  const unit = await ctx.loaders.one(UnitRefSchema).load(id);
  if (!unit) throw inputError(field, 'unit', `no government unit has id ${id}`);
  if (!unit.active)
    throw inputError(field, 'active', `government unit ${id} (${unit.name}) is no longer active`);
  if (district !== null && unit.district !== district)
    throw inputError(
      field,
      'district',
      `government unit ${id} (${unit.name}) belongs to district ${unit.district}, not ${district}`,
    );
  return unit;
}
