import { builder } from '../builder.js';

/** District is organization's entity; proposals only point at it. */
export const DistrictRef = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    externalFields: (t) => ({ code: t.id() }),
  });
