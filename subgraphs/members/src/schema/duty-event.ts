import { builder } from '../builder.js';
import type { DutyEvent } from '../entities/duty-event.entity.js';

export const DutyEventType = builder.objectRef<DutyEvent>('DutyEvent').implement({
  description: 'One entry of a member\'s duty record, derived from what another module reported on the bus.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'The event type, e.g. proposal.filed.' }),
    sourceModule: t.exposeString('sourceModule'),
    sourceId: t.exposeString('sourceId'),
    summary: t.exposeString('summary'),
    occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.occurredAt }),
  }),
});
