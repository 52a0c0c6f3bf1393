import { builder } from '../builder.js';

/**
 * ConsultationActivity is the consultation subgraph's entity; a key proposal only points at the
 * activity it grew from (一体两用). The key is not resolvable here: this subgraph adds no fields.
 */
export const ConsultationActivityRef = builder
  .objectRef<{ id: string }>('ConsultationActivity')
  .implement({
    fields: (t) => ({ id: t.exposeID('id') }),
  });

builder.asEntity(ConsultationActivityRef, {
  key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
  resolveReference: ({ id }) => ({ id }),
});
