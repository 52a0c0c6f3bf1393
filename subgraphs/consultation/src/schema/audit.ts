import {
  appError,
  auditEntryType,
  AuditEntrySchema,
  canSeeDistrict,
  ErrorCode,
  type AuditEntry,
  type RequestContext,
} from '@cppcc/kit';
import { builder } from '../builder.js';

export const ConsultationAuditEntryType = auditEntryType(
  builder,
  'ConsultationAuditEntry',
  'One step a record took: who, when, from which state to which, and why.',
);

/** The audit trail of one record, for those who work for its district. */
export function history(
  ctx: RequestContext,
  entity: string,
  record: { id: number; district: string },
): Promise<AuditEntry[]> {
  if (!canSeeDistrict(ctx.caller, record.district)) {
    throw appError(ErrorCode.FORBIDDEN, 'history: only those working for the district may see it', {
      field: 'history',
    });
  }
  return ctx.loaders.many(AuditEntrySchema, 'entityId', { entity }).load(String(record.id));
}
