import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 届: a five-year term of a district committee. Public. */
export const TermSchema = defineEntity({
  name: 'Term',
  tableName: 'term',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    ordinal: p.integer(),
    name: p.string(),
    startsOn: p.string().length(10),
    endsOn: p.string().length(10).nullable(),
    public: p.boolean().default(true),
  },
});
export type Term = InferEntity<typeof TermSchema>;

/** 次会议: the yearly plenary session of a term (e.g. 十届三次会议). Public. */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'term_session',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    termId: p.integer().index(),
    ordinal: p.integer(),
    name: p.string(),
    startsOn: p.string().length(10),
    endsOn: p.string().length(10),
    public: p.boolean().default(true),
  },
});
export type Session = InferEntity<typeof SessionSchema>;
