import { audit, type EntityManager, type RequestContext } from '@cppcc/kit';

/**
 * The one audit row of a record that is created done (an activity, a document, an entry):
 * from nothing to its state, by the caller. Call after the flush that gave the record its id.
 */
export function auditRecorded(
  em: EntityManager,
  ctx: RequestContext,
  entity: string,
  id: number,
  toState: string,
  note: string | null,
  action = 'record',
  fromState: string | null = null,
): void {
  audit(em, {
    entity,
    entityId: String(id),
    action,
    fromState,
    toState,
    actor: ctx.caller.userId,
    note,
  });
}
