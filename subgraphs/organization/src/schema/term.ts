import { pageArgs, connectionType, findPage, parseId, type Page } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { closeTerm, openSession, openTerm } from '../commands/terms.js';
import { SessionSchema, TermSchema, type Session, type Term } from '../entities/term.entity.js';
import { DistrictType } from './district.js';

export const SessionType = builder.objectRef<Session>('Session').implement({
  description: '次会议: a plenary session within a term, e.g. 十届三次会议. Public.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The Session's id." }),
    ordinal: t.exposeInt('ordinal', {
      description: "次 The session's number within its term (第几次会议).",
    }),
    name: t.exposeString('name', { description: "名称 The session's name." }),
    startsOn: t.expose('startsOn', {
      description: "开始日期 The session's first day.",
      type: 'Date',
    }),
    endsOn: t.expose('endsOn', { description: "结束日期 The session's last day.", type: 'Date' }),
  }),
});

export const TermType = builder.objectRef<Term>('Term').implement({
  description: '届: a term of a district committee. Public.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The Term's id." }),
    ordinal: t.exposeInt('ordinal', { description: "届次 The term's number (第几届)." }),
    name: t.exposeString('name', { description: "名称 The term's name." }),
    startsOn: t.expose('startsOn', { description: "开始日期 The term's first day.", type: 'Date' }),
    endsOn: t.expose('endsOn', {
      type: 'Date',
      nullable: true,
      description: 'Null while the term runs.',
    }),
    sessions: t.field({
      description: "次 The term's sessions.",
      type: [SessionType],
      resolve: (term, _a, ctx) => ctx.loaders.many(SessionSchema, 'termId').load(term.id),
    }),
  }),
});

builder.objectField(SessionType, 'term', (t) =>
  t.field({
    description: '届 The term the session belongs to.',
    type: TermType,
    nullable: true,
    resolve: (s, _a, ctx) => ctx.loaders.one(TermSchema).load(s.termId),
  }),
);

builder.objectField(DistrictType, 'terms', (t) =>
  t.field({
    description: "届 The district committee's terms.",
    type: [TermType],
    resolve: (d, _a, ctx) => ctx.loaders.many(TermSchema, 'district').load(d.code),
  }),
);

const TermConnection = connectionType<Term>(builder, 'Term', TermType);

builder.queryField('terms', (t) =>
  t.field({
    description:
      "届 Terms of a district's committee, with their sessions. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: TermConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (_root, { district, first, after, last, before }, ctx): Promise<Page<Term>> =>
      findPage(ctx.em, TermSchema, district ? { district: String(district) } : {}, {
        first,
        after,
        last,
        before,
      }),
  }),
);

const OpenTermInput = builder.inputType('OpenTermInput', {
  description: 'What `openTerm` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    ordinal: t.int({
      description: "The term's number: a positive integer.",
      required: true,
      validate: z.number().int().positive('must be positive'),
    }),
    name: t.string({
      description: 'The name: trimmed, at least 2 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters'),
    }),
    startsOn: t.field({ description: "The term's first day.", type: 'Date', required: true }),
    endsOn: t.field({
      description: "The term's last day, if known.",
      type: 'Date',
      required: false,
    }),
  }),
});

builder.mutationField('openTerm', (t) =>
  t.field({
    description:
      "届 Staff open a term of their district's committee: its ordinal must be new in the district (CONFLICT otherwise) and its days may not overlap another term (rule `overlap`).",
    type: TermType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `openTerm` takes (`OpenTermInput`).',
        type: OpenTermInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      openTerm(ctx, {
        district: String(input.district),
        ordinal: input.ordinal,
        name: input.name.trim(),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
      }),
  }),
);

const CloseTermInput = builder.inputType('CloseTermInput', {
  description: 'What `closeTerm` takes.',
  fields: (t) => ({
    id: t.id({ description: "The Term's id.", required: true }),
    endsOn: t.field({ description: "The term's last day.", type: 'Date', required: true }),
  }),
});

builder.mutationField('closeTerm', (t) =>
  t.field({
    description:
      'Staff close a term on `endsOn`, which may not fall before the end of any of its sessions (rule `range`).',
    type: TermType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `closeTerm` takes (`CloseTermInput`).',
        type: CloseTermInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => closeTerm(ctx, parseId(input.id, 'input.id'), input.endsOn),
  }),
);

const OpenSessionInput = builder.inputType('OpenSessionInput', {
  description: 'What `openSession` takes.',
  fields: (t) => ({
    term: t.id({ description: "The term's id.", required: true }),
    ordinal: t.int({
      description: "The session's number within the term: a positive integer.",
      required: true,
      validate: z.number().int().positive('must be positive'),
    }),
    name: t.string({
      description: 'The name: trimmed, at least 2 characters.',
      required: true,
      validate: z.string().trim().min(2, 'must have at least 2 characters'),
    }),
    startsOn: t.field({ description: "The session's first day.", type: 'Date', required: true }),
    endsOn: t.field({ description: "The session's last day.", type: 'Date', required: true }),
  }),
});

builder.mutationField('openSession', (t) =>
  t.field({
    description:
      '次 Staff open a session (次会议) of a term: its ordinal must be new in the term (CONFLICT otherwise).',
    type: SessionType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `openSession` takes (`OpenSessionInput`).',
        type: OpenSessionInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      openSession(ctx, {
        term: parseId(input.term, 'input.term'),
        ordinal: input.ordinal,
        name: input.name.trim(),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      }),
  }),
);
