import type { RequestContext } from '@cppcc/kit';
import { writeDutyEvent, type DutyEntry } from '../consumers.js';
import { MemberSchema } from '../entities/member.entity.js';
import { ParkedEventSchema } from '../entities/parked-event.entity.js';

/** Applies the parked events, of districts the caller may see, whose member now exists. */
export async function retryParkedEvents(ctx: RequestContext): Promise<number> {
  return ctx.em.transactional(async (em) => {
    const parked = await em.find(ParkedEventSchema, { resolvedAt: null });
    if (parked.length === 0) return 0;
    const known = new Set(
      (await em.find(MemberSchema, { id: { $in: parked.map((p) => p.memberId) } }, { filters: false, fields: ['id'] })).map((m) => m.id),
    );
    let applied = 0;
    for (const p of parked) {
      if (!known.has(p.memberId)) continue;
      writeDutyEvent(em, p.entry as unknown as DutyEntry);
      p.resolvedAt = new Date();
      applied++;
    }
    return applied;
  });
}
