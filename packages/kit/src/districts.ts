import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { z } from 'zod';
import { canWriteDistrict, type Caller, type Role } from './caller.js';
import type { RequestContext } from './context.js';
import { DISTRICT_FILTER, districtFilterParams, type EntityManager } from './db.js';
import { defineEvent } from './bus/event.js';
import type { EventHandler } from './bus/consumer.js';
import { appError, ErrorCode, inputError } from './errors.js';
import { defineMigration } from './migration.js';
import { replicaNotReady, replicaPending } from './snapshot.js';

/**
 * Every module keeps a read-only copy of the district list, fed by the organization
 * subgraph's events, so it can tell an unknown district code from one with no rows
 * without calling another subgraph.
 */
export const DistrictRefSchema = defineEntity({
  name: 'DistrictRef',
  tableName: 'district_ref',
  properties: {
    code: p.string().primary().length(12),
    name: p.string(),
    parentCode: p.string().length(12).nullable(),
  },
});
export type DistrictRef = InferEntity<typeof DistrictRefSchema>;

export const districtRegistered = defineEvent(
  'district.registered',
  z.object({
    code: z.string().min(1).max(12),
    name: z.string().min(1),
    parentCode: z.string().max(12).nullable(),
  }),
  'A district committee was registered or renamed (organization).',
);

export const districtRefMigration = defineMigration(
  'Migration00000000000001_district_ref',
  (knex) =>
    knex.schema.createTable('district_ref', (t) => {
      t.string('code', 12).primary();
      t.string('name').notNullable();
      t.string('parent_code', 12).nullable();
    }),
);

export const applyDistrictRegistered: EventHandler = async (em, event) => {
  const payload = districtRegistered.payload.parse(event.payload);
  await em.upsert(DistrictRefSchema, payload);
};

/**
 * Refuses a district code this platform does not know, naming the field. Reads through the
 * request's loaders: call it before opening a transaction, not inside one.
 */
export async function assertKnownDistrict(
  ctx: RequestContext,
  code: string,
  field = 'district',
): Promise<void> {
  const known = await ctx.loaders.one(DistrictRefSchema, 'code').load(code);
  if (known) return;
  // An empty list, or one still filling after installation, cannot tell a district that exists from one that does not.
  if (
    (await replicaPending(ctx.em, 'organization')) ||
    (await ctx.em.count(DistrictRefSchema, {}, { filters: false })) === 0
  ) {
    throw replicaNotReady(field, 'districts', 'organization');
  }
  throw appError(ErrorCode.UNKNOWN_DISTRICT, `${field}: no district has code ${code}`, { field });
}

/**
 * The district codes a list counts: `district` alone, or with `includeBelow` the district and,
 * recursively, every district below it (a city with its districts), from the module's copy of the
 * district list. The caller's visibility still applies to the rows (the district filter); this
 * only widens which districts are asked for.
 */
export async function districtsCounted(
  ctx: RequestContext,
  district: string,
  includeBelow: boolean | null | undefined,
): Promise<string[]> {
  if (!includeBelow) return [district];
  const all = await ctx.em.find(DistrictRefSchema, {}, { filters: false });
  const found = [district];
  for (let i = 0; i < found.length; i++)
    found.push(...all.filter((d) => d.parentCode === found[i]).map((d) => d.code));
  return found;
}

/**
 * The `district` condition of a list that takes `district` and `includeBelow` (`{}` without a
 * district). `includeBelow` without a district is refused, naming the field: it has nothing to
 * widen. `field` is where the caller wrote it (`includeBelow` or `filter.includeBelow`).
 */
export async function districtWhere(
  ctx: RequestContext,
  district: string | number | null | undefined,
  includeBelow: boolean | null | undefined,
  field = 'includeBelow',
): Promise<{ district?: string | { $in: string[] } }> {
  if (district === null || district === undefined || district === '') {
    if (includeBelow) throw inputError(field, 'needs-district', 'needs a district to count below');
    return {};
  }
  const codes = await districtsCounted(ctx, String(district), includeBelow);
  return { district: codes.length === 1 ? codes[0] : { $in: codes } };
}

/**
 * Is `district` the district `ancestor` or one below it? For a record that may refer to records of
 * its own district and those below (a city's round tracking a county's section), never sideways
 * or upwards. Reads through the request's loaders: call it before opening a transaction.
 */
export async function isWithinDistrict(
  ctx: RequestContext,
  district: string,
  ancestor: string,
): Promise<boolean> {
  for (let code: string | null | undefined = district, hops = 0; code && hops < 10; hops++) {
    if (code === ancestor) return true;
    code = (await ctx.loaders.one(DistrictRefSchema, 'code').load(code))?.parentCode;
  }
  return false;
}

/** Refuses a write to a district the caller does not administer. */
export async function assertWritableDistrict(
  ctx: RequestContext,
  code: string,
  field = 'district',
): Promise<void> {
  await assertKnownDistrict(ctx, code, field);
  if (ctx.caller.userId === null)
    throw appError(ErrorCode.UNAUTHENTICATED, 'sign in to change records');
  if (!canWriteDistrict(ctx.caller, code)) {
    throw appError(
      ErrorCode.CROSS_DISTRICT,
      `${field}: you may not change records of district ${code}`,
      { field },
    );
  }
}

/**
 * Roles whose holders work in a committee's office and so read the non-public rows of the
 * districts they work for. `unit` (a government department) is not one of them: it reads the
 * records assigned to it — its handling tasks and what they are about — which each module grants
 * explicitly by the caller's `unitId` (docs/security.md, "Least privilege").
 */
export const OFFICE_ROLES: readonly Role[] = ['staff', 'leader', 'operator', 'admin'];

/**
 * The caller a request runs as: its `districts` (which the district filter and every
 * `canSeeDistrict` read) emptied unless it holds an office role, whatever the gateway sent.
 */
export function leastPrivilege(caller: Caller): Caller {
  if (caller.districts.length === 0 || caller.roles.some((r) => OFFICE_ROLES.includes(r)))
    return caller;
  return { ...caller, districts: [] };
}

/**
 * The government unit whose assigned records the caller reads and works on: its `unitId` when
 * it holds the `unit` role, else null (a unit token without a unit id is given nothing).
 */
export function callerUnit(caller: Caller): number | null {
  if (!caller.roles.includes('unit') || !caller.unitId) return null;
  const id = Number(caller.unitId);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The request's EntityManager without the district filter, for a query whose `where` already
 * limits rows to those assigned to the caller's unit (`callerUnit`); never for anything else.
 */
export function assignedRowsEm(ctx: RequestContext): EntityManager {
  const em = ctx.em.fork() as EntityManager;
  em.setFilterParams(DISTRICT_FILTER, districtFilterParams('system'));
  return em;
}
