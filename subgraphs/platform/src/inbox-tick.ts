import { emit, type EntityManager, today } from '@cppcc/kit';
import { inboxChanged } from '@cppcc/events';
import { InboxItemSchema, InboxTickSchema } from './entities/inbox.entity.js';

const MARK = 1;

/**
 * The platform's look at the calendar (a job, every INBOX_TICK_SECONDS): work that waits only from
 * a day on (an overdue unit for staff to urge) came into sight when that day came, with no event
 * to say so. Each day after the last look, up to `day`, is announced once: `inbox.changed` for
 * every record with work showing from it, to the parties it now shows for. The last day looked at
 * is a row, so a restart announces the days it was down for, and two processes do not both
 * announce one day (the mark moves only from the day the run read). The first look ever only
 * sets the mark: there is no telling what was announced before. Returns how many records.
 */
export async function announceDaysTurned(em: EntityManager, day = today()): Promise<number> {
  const mark = await em.findOne(InboxTickSchema, { id: MARK });
  if (!mark) {
    em.create(InboxTickSchema, { id: MARK, day });
    return 0;
  }
  if (mark.day >= day) return 0;
  const moved = await em.nativeUpdate(InboxTickSchema, { id: MARK, day: mark.day }, { day });
  if (moved === 0) return 0;
  const rows = await em.find(
    InboxItemSchema,
    { showsFrom: { $gt: mark.day, $lte: day } },
    { fields: ['key', 'party', 'district'], orderBy: { id: 'asc' } },
  );
  const records = new Map<string, { district: string; parties: Set<string> }>();
  for (const row of rows) {
    const r = records.get(row.key) ?? { district: row.district, parties: new Set<string>() };
    r.parties.add(row.party);
    records.set(row.key, r);
  }
  for (const [key, { district, parties }] of records)
    emit(em, 'platform', inboxChanged, { id: key, district, parties: [...parties] }, district);
  return records.size;
}
