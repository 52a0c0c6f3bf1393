import { builder } from '../builder.js';

/**
 * GovernmentUnit is organization's entity (a department). Consultation only points at it, so
 * its key is not resolvable here.
 */
export const GovernmentUnitRef = builder.objectRef<{ id: string }>('GovernmentUnit').implement({
  fields: (t) => ({ id: t.exposeID('id') }),
});

builder.asEntity(GovernmentUnitRef, {
  key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
  resolveReference: ({ id }) => ({ id }),
});

export const unitRef = (id: number | null | undefined) => (id === null || id === undefined ? null : { id: String(id) });
