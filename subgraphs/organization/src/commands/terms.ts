import { termRegistered } from '@cppcc/events';
import {
  appError,
  assertWritableDistrict,
  emit,
  ErrorCode,
  inputError,
  notFound,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import { assertOrder } from '../dates.js';
import { SessionSchema, TermSchema, type Session, type Term } from '../entities/term.entity.js';
import { auditRecorded } from './recorded.js';

/** Other modules group archives by term: they keep a replica fed by this event. */
export function announceTerm(em: EntityManager, source: string, t: Term): void {
  emit(
    em,
    source,
    termRegistered,
    {
      termId: String(t.id),
      district: t.district,
      ordinal: t.ordinal,
      name: t.name,
      startsOn: t.startsOn,
      endsOn: t.endsOn ?? null,
    },
    t.district,
  );
}

export interface OpenTerm {
  district: string;
  ordinal: number;
  name: string;
  startsOn: string;
  endsOn: string | null;
}

/** Opens a term; its dates may not overlap another term of the district. */
export async function openTerm(ctx: RequestContext, input: OpenTerm): Promise<Term> {
  assertOrder(input.startsOn, input.endsOn, 'input.endsOn', 'startsOn');
  await assertWritableDistrict(ctx, input.district, 'input.district');
  return ctx.em.transactional(async (em) => {
    const others = await em.find(TermSchema, { district: input.district }, { filters: false });
    if (others.some((o) => o.ordinal === input.ordinal)) {
      throw appError(
        ErrorCode.CONFLICT,
        `input.ordinal: district ${input.district} already has term ${input.ordinal}`,
        { field: 'input.ordinal' },
      );
    }
    const clash = others.find(
      (o) =>
        o.startsOn <= (input.endsOn ?? '9999-12-31') &&
        input.startsOn <= (o.endsOn ?? '9999-12-31'),
    );
    if (clash)
      throw inputError(
        'input.startsOn',
        'overlap',
        `overlaps term ${clash.name} (${clash.startsOn} – ${clash.endsOn ?? 'open'})`,
      );
    const term = em.create(TermSchema, { ...input, public: true });
    await em.flush();
    auditRecorded(em, ctx, 'term', term.id, input.endsOn ? 'CLOSED' : 'OPEN', term.name, 'open');
    announceTerm(em, ctx.module, term);
    return term;
  });
}

/** Closes a term on its last day (or corrects that day). */
export async function closeTerm(ctx: RequestContext, id: number, endsOn: string): Promise<Term> {
  const found = await ctx.em.findOne(TermSchema, { id });
  if (!found) throw notFound('term', id);
  await assertWritableDistrict(ctx, found.district, 'input.id');
  assertOrder(found.startsOn, endsOn, 'input.endsOn', 'the first day of the term');
  return ctx.em.transactional(async (em) => {
    const term = await em.findOneOrFail(TermSchema, { id });
    const late = await em.findOne(
      SessionSchema,
      { termId: id, endsOn: { $gt: endsOn } },
      { filters: false },
    );
    if (late)
      throw inputError('input.endsOn', 'range', `session ${late.name} runs until ${late.endsOn}`);
    auditRecorded(
      em,
      ctx,
      'term',
      term.id,
      'CLOSED',
      `endsOn ${term.endsOn ?? '—'} → ${endsOn}`,
      'close',
      term.endsOn ? 'CLOSED' : 'OPEN',
    );
    term.endsOn = endsOn;
    announceTerm(em, ctx.module, term);
    return term;
  });
}

export interface OpenSession {
  term: number;
  ordinal: number;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** A session lies within its term and its ordinal is unique there. */
export async function openSession(ctx: RequestContext, input: OpenSession): Promise<Session> {
  const term = await ctx.loaders.one(TermSchema).load(input.term);
  if (!term)
    throw appError(ErrorCode.NOT_FOUND, `input.term: no term ${input.term}`, {
      field: 'input.term',
    });
  await assertWritableDistrict(ctx, term.district, 'input.term');
  assertOrder(input.startsOn, input.endsOn, 'input.endsOn', 'startsOn');
  assertWithinTerm(term, input.startsOn, 'input.startsOn');
  assertWithinTerm(term, input.endsOn, 'input.endsOn');
  return ctx.em.transactional(async (em) => {
    const same = await em.count(
      SessionSchema,
      { termId: term.id, ordinal: input.ordinal },
      { filters: false },
    );
    if (same)
      throw appError(
        ErrorCode.CONFLICT,
        `input.ordinal: ${term.name} already has session ${input.ordinal}`,
        { field: 'input.ordinal' },
      );
    const session = em.create(SessionSchema, {
      district: term.district,
      termId: term.id,
      ordinal: input.ordinal,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      public: true,
    });
    await em.flush();
    auditRecorded(em, ctx, 'term_session', session.id, 'RECORDED', session.name, 'open');
    return session;
  });
}

export function assertWithinTerm(term: Term, day: string, field: string): void {
  if (day < term.startsOn || (term.endsOn && day > term.endsOn)) {
    throw inputError(
      field,
      'range',
      `${day} lies outside ${term.name} (${term.startsOn} – ${term.endsOn ?? 'open'})`,
    );
  }
}
