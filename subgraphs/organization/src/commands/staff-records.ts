import { assertWritableDistrict, audit, type RequestContext } from '@cppcc/kit';
import { assertOrder } from '../dates.js';
import {
  StaffRecordSchema,
  type StaffRecord,
  type StaffRecordKind,
} from '../entities/staff-record.entity.js';
import { inputError } from '@cppcc/kit';

/** A secondment (with its end, once known), a promotion to a post or a rank promotion of a staff member. */
export async function recordStaffChange(
  ctx: RequestContext,
  input: {
    district: string;
    kind: StaffRecordKind;
    person: string;
    grade: string | null;
    post: string;
    startsOn: string;
    endsOn: string | null;
    note: string | null;
  },
): Promise<StaffRecord> {
  assertOrder(input.startsOn, input.endsOn, 'input.endsOn', 'startsOn');
  if (input.kind !== 'SECONDMENT' && input.endsOn)
    throw inputError('input.endsOn', 'kind', 'only a secondment has an end');
  if (input.kind !== 'SECONDMENT' && !input.grade)
    throw inputError(
      'input.grade',
      'required',
      'a promotion names the grade (e.g. 正县级, 一级调研员)',
    );
  await assertWritableDistrict(ctx, input.district, 'input.district');
  return ctx.em.transactional(async (em) => {
    const record = em.create(StaffRecordSchema, { ...input, public: false });
    await em.flush();
    audit(em, {
      entity: 'staff_record',
      entityId: String(record.id),
      action: 'record',
      fromState: null,
      toState: input.kind,
      actor: ctx.caller.userId,
      note: input.note,
    });
    return record;
  });
}
