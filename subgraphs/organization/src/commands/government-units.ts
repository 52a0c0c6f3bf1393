import { governmentUnitRegistered } from '@cppcc/events';
import {
  appError,
  assertWritableDistrict,
  emit,
  ErrorCode,
  notFound,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import { GovernmentUnitSchema, type GovernmentUnit } from '../entities/government-unit.entity.js';
import { auditRecorded } from './recorded.js';

/** Tells the modules that assign work to units (proposals, consultation) about this one. */
export function announceUnit(em: EntityManager, source: string, u: GovernmentUnit): void {
  emit(
    em,
    source,
    governmentUnitRegistered,
    { unitId: String(u.id), district: u.district, name: u.name, short: u.short, active: u.active },
    u.district,
  );
}

async function assertNameFree(
  em: EntityManager,
  district: string,
  name: string,
  except: number | null,
): Promise<void> {
  const same = await em.findOne(
    GovernmentUnitSchema,
    { district, name, ...(except ? { id: { $ne: except } } : {}) },
    { filters: false },
  );
  if (same)
    throw appError(
      ErrorCode.CONFLICT,
      `input.name: district ${district} already has a unit named ${name}`,
      { field: 'input.name' },
    );
}

export async function registerGovernmentUnit(
  ctx: RequestContext,
  input: { district: string; name: string; short: string },
): Promise<GovernmentUnit> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  return ctx.em.transactional(async (em) => {
    await assertNameFree(em, input.district, input.name, null);
    const unit = em.create(GovernmentUnitSchema, { ...input, active: true, public: true });
    await em.flush();
    auditRecorded(em, ctx, 'government_unit', unit.id, 'ACTIVE', unit.name, 'register');
    announceUnit(em, ctx.module, unit);
    return unit;
  });
}

export async function updateGovernmentUnit(
  ctx: RequestContext,
  id: number,
  input: { name?: string | null; short?: string | null; active?: boolean | null },
): Promise<GovernmentUnit> {
  const found = await ctx.em.findOne(GovernmentUnitSchema, { id });
  if (!found) throw notFound('government unit', id);
  await assertWritableDistrict(ctx, found.district, 'input.id');
  return ctx.em.transactional(async (em) => {
    const unit = await em.findOneOrFail(GovernmentUnitSchema, { id });
    if (input.name) await assertNameFree(em, unit.district, input.name, id);
    const state = (active: boolean) => (active ? 'ACTIVE' : 'INACTIVE');
    auditRecorded(
      em,
      ctx,
      'government_unit',
      id,
      state(input.active ?? unit.active),
      [input.name && `name → ${input.name}`, input.short && `short → ${input.short}`]
        .filter(Boolean)
        .join('; ') || null,
      'update',
      state(unit.active),
    );
    em.assign(unit, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.short ? { short: input.short } : {}),
      ...(input.active != null ? { active: input.active } : {}),
    });
    announceUnit(em, ctx.module, unit);
    return unit;
  });
}
