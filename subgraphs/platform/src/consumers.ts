import { emit, type EventHandler, workWaiting } from '@cppcc/kit';
import { inboxChanged } from '@cppcc/events';
import { InboxDoneSchema, InboxItemSchema, InboxRecordSchema } from './entities/inbox.entity.js';

/**
 * Keeps the latest work per record: its rows replaced whole, none left when nothing waits. Event
 * ids grow in the order they were written, so an older copy arriving late is dropped.
 */
export const applyWorkWaiting: EventHandler = async (em, event) => {
  const work = workWaiting.payload.parse(event.payload);
  const mark = await em.findOne(InboxRecordSchema, { key: work.key });
  if (mark && mark.eventId >= event.id) return;
  const now = new Date();
  const parties = work.parties.map((p) => p.party);
  const previous = mark?.parties ?? [];
  if (mark)
    Object.assign(mark, {
      eventId: event.id,
      district: work.district,
      parties,
      previous,
      changedAt: now,
    });
  else
    em.create(InboxRecordSchema, {
      key: work.key,
      eventId: event.id,
      district: work.district,
      parties,
      previous,
      changedAt: now,
    });
  // The deletes below bypass the unit of work: rows an earlier event of the same batch queued for
  // this record must be written first, or they outlive the delete and clash with the new ones
  // (and the whole batch is applied again one event per transaction).
  await em.flush();
  await em.nativeDelete(InboxItemSchema, { key: work.key });
  await em.nativeDelete(InboxDoneSchema, { key: work.key });
  for (const party of new Set(work.done)) em.create(InboxDoneSchema, { key: work.key, party });
  for (const { party, actions, ...own } of work.parties)
    em.create(InboxItemSchema, {
      key: work.key,
      party,
      source: event.source,
      recordType: work.recordType,
      recordId: work.recordId,
      aboutType: work.about?.type ?? null,
      aboutId: work.about?.id ?? null,
      kind: own.kind ?? work.kind ?? 'unknown',
      why: own.why ?? work.why ?? '',
      title: own.title ?? work.title,
      district: work.district,
      dueOn: work.dueOn,
      showsFrom: own.from ?? null,
      actions,
      changedAt: now,
    });
  const told = [...new Set([...previous, ...parties])];
  // A record that waited for no one before or after changed no one's inbox.
  if (told.length > 0)
    emit(
      em,
      'platform',
      inboxChanged,
      { id: work.key, district: work.district, parties: told },
      work.district,
    );
};
