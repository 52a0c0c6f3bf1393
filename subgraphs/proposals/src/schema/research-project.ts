import { builder } from '../builder.js';

/**
 * ResearchProject is the consultation subgraph's entity; a key proposal only points at the
 * research it grew from (一体两用). The key is not resolvable here: this subgraph adds no fields.
 */
export const ResearchProjectRef = builder.objectRef<{ id: string }>('ResearchProject').implement({
  fields: (t) => ({ id: t.exposeID('id') }),
});

builder.asEntity(ResearchProjectRef, {
  key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
  resolveReference: ({ id }) => ({ id }),
});
