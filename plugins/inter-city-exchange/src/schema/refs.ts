import { builder } from '../builder.js';

/** Core entities this plugin adds fields to or points at; their owners resolve the rest. */
export const DistrictRef = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    externalFields: (t) => ({ code: t.id() }),
  });

export const MemberRef = builder
  .externalRef('Member', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });

export const ResearchProjectRef = builder
  .externalRef('ResearchProject', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });
