import { builder } from '../builder.js';

/** Sector is organization's entity; members only point at it. */
export const SectorRef = builder
  .externalRef('Sector', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });
