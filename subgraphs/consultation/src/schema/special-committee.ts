import { builder } from '../builder.js';

/** SpecialCommittee is organization's entity: the committee leading a topic or a research project. */
export const SpecialCommitteeRef = builder
  .externalRef('SpecialCommittee', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });
