import type { EntityManager, RequestContext } from '@cppcc/kit';
import { applyDutyEntry } from '../consumers.js';
import { MemberSchema } from '../entities/member.entity.js';
import { ParkedEventSchema } from '../entities/parked-event.entity.js';

/**
 * Applies parked events whose member now exists (those of `memberIds` only, when given), in the
 * caller's unit of work. Events that were refused stay parked: no member makes them right.
 */
export async function applyParkedEvents(em: EntityManager, memberIds?: number[]): Promise<number> {
  // In the order they were sent, so a correction parked beside the line it corrects still wins.
  const parked = await em.find(
    ParkedEventSchema,
    { resolvedAt: null, refused: false, ...(memberIds ? { memberId: { $in: memberIds } } : {}) },
    { orderBy: { eventId: 'asc' } },
  );
  if (parked.length === 0) return 0;
  const known = new Set(
    (
      await em.find(
        MemberSchema,
        { id: { $in: parked.map((p) => p.memberId) } },
        { filters: false, fields: ['id'] },
      )
    ).map((m) => m.id),
  );
  let applied = 0;
  for (const p of parked) {
    // A refused row keeps the payload that broke the contract; only entries are applied.
    if (!known.has(p.memberId) || 'payload' in p.entry) continue;
    await applyDutyEntry(em, p.entry);
    await em.flush();
    p.resolvedAt = new Date();
    applied++;
  }
  return applied;
}

/** Staff apply the parked events, of districts they may see, whose member now exists. */
export async function retryParkedEvents(ctx: RequestContext): Promise<number> {
  return ctx.em.transactional((em) => applyParkedEvents(em as EntityManager));
}
