import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A read-only copy of a district committee's terms (届), fed by organization's
 * `term.registered` events, so a member's archive can be cut per term without calling
 * organization at request time. Terms are public.
 */
export const TermRefSchema = defineEntity({
  name: 'TermRef',
  tableName: 'term_ref',
  properties: {
    /** organization's term id. */
    id: p.integer().primary().autoincrement(false),
    district: p.string().length(12).index(),
    ordinal: p.integer(),
    name: p.string(),
    startsOn: p.string().length(10),
    /** Null while the term runs. */
    endsOn: p.string().length(10).nullable(),
  },
});
export type TermRef = InferEntity<typeof TermRefSchema>;
