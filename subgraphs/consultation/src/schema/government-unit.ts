import { builder } from '../builder.js';

/** GovernmentUnit is organization's entity (a department); consultation only points at it. */
export const GovernmentUnitRef = builder
  .externalRef('GovernmentUnit', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });

export const unitRef = (id: number | null | undefined) =>
  id === null || id === undefined ? null : { id: String(id) };
