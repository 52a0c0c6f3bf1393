import { appError, AuditEntrySchema, canSeeDistrict, ErrorCode, type AuditEntry, type RequestContext } from '@cppcc/kit';
import { builder } from '../builder.js';

export const ConsultationAuditEntryType = builder.objectRef<AuditEntry>('ConsultationAuditEntry').implement({
  description: 'One step a record took: who, when, from which state to which, and why.',
  fields: (t) => ({
    action: t.exposeString('action'),
    fromState: t.exposeString('fromState', { nullable: true }),
    toState: t.exposeString('toState'),
    actor: t.exposeString('actor', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (a) => a.at }),
  }),
});

/** The audit trail of one record, for those who work for its district. */
export function history(ctx: RequestContext, entity: string, record: { id: number; district: string }): Promise<AuditEntry[]> {
  if (!canSeeDistrict(ctx.caller, record.district)) {
    throw appError(ErrorCode.FORBIDDEN, 'history: only those working for the district may see it', { field: 'history' });
  }
  return ctx.loaders.many(AuditEntrySchema, 'entityId', { entity }).load(String(record.id));
}
