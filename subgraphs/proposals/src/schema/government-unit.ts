import { builder } from '../builder.js';

/**
 * GovernmentUnit is organization's entity (承办单位); proposals only point at the units that
 * handle them. The key is not resolvable here: this subgraph adds no fields to it.
 */
export const GovernmentUnitRef = builder.objectRef<{ id: string }>('GovernmentUnit').implement({
  fields: (t) => ({ id: t.exposeID('id') }),
});

builder.asEntity(GovernmentUnitRef, {
  key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
  resolveReference: ({ id }) => ({ id }),
});
