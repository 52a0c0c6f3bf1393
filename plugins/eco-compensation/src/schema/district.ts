import { builder } from '../builder.js';

/** District is organization's entity; the plugin's records only point at it by code. */
export const DistrictRef = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    externalFields: (t) => ({ code: t.id() }),
  });
