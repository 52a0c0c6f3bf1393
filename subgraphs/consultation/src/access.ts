import {
  appError,
  assertKnownDistrict,
  callerUnit,
  canSeeDistrict,
  ErrorCode,
  hasRole,
  type RequestContext,
  type Role,
} from '@cppcc/kit';
import { LedgerEntrySchema } from './entities/instruction.entity.js';
import { z } from 'zod';

/**
 * Refuses a write unless the caller holds one of `roles` for `district` (their own or one below
 * it). The kit's assertWritableDistrict covers staff; leaders record instructions and units
 * report on tasks, so their writes are checked here. Reads through the loaders: call it before
 * opening a transaction.
 */
export async function assertActsIn(
  ctx: RequestContext,
  district: string,
  roles: Role[],
  field = 'district',
): Promise<void> {
  await assertKnownDistrict(ctx, district, field);
  if (ctx.caller.userId === null)
    throw appError(ErrorCode.UNAUTHENTICATED, 'sign in to change records');
  if (!hasRole(ctx.caller, ...roles))
    throw appError(ErrorCode.FORBIDDEN, `only ${roles.join(' or ')} may do this`);
  if (!canSeeDistrict(ctx.caller, district)) {
    throw appError(
      ErrorCode.CROSS_DISTRICT,
      `${field}: you may not change records of district ${district}`,
      { field },
    );
  }
}

/** A row is the caller's to see when their district may be seen or it is public; `own` adds a member's own rows. */
export function visible(
  ctx: RequestContext,
  row: { district: string; public: boolean },
  own = false,
): boolean {
  return row.public || own || canSeeDistrict(ctx.caller, row.district);
}

/**
 * Is the instruction carried out (in part) by the caller's unit? A department reads what it was
 * assigned — its ledger entries, their instruction and the recommendation or report that
 * instruction is about — and nothing else that is not public.
 */
export async function assignedInstruction(
  ctx: RequestContext,
  instructionId: number,
): Promise<boolean> {
  const unit = callerUnit(ctx.caller);
  return (
    unit !== null &&
    (
      await ctx.loaders
        .many(LedgerEntrySchema, 'instructionId', { unitId: unit }, true)
        .load(instructionId)
    ).length > 0
  );
}

/** Input rule for free text: trimmed, `min` to `max` characters; `what` tells what it should say. */
export const textInput = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `must have at least ${min} characters${what}`).max(max);
