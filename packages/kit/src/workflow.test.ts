import { describe, expect, it } from 'vitest';
import type { Caller } from './caller.js';
import type { RequestContext } from './context.js';
import { ErrorCode } from './errors.js';
import { defineWorkflow, inPlace, type Guard } from './workflow.js';

type Doc = { id: number; status: 'DRAFT' | 'SENT'; ownerId: string; pages?: number };

const caller = (roles: Caller['roles'], memberId: string | null = null): RequestContext =>
  ({
    caller: { userId: 'u', memberId, unitId: null, district: null, roles, districts: [] },
  }) as unknown as RequestContext;
const owner = {
  relation: 'owner',
  holds: (ctx: RequestContext, d: Doc) => ctx.caller.memberId === d.ownerId,
};
const hasPages: Guard<Doc> = {
  name: 'empty',
  holds: (_ctx, d) => (d.pages ?? 0) > 0,
  message: (d) => `doc ${d.id} has no pages`,
  extensions: { missing: 'pages' },
};
const table = defineWorkflow<Doc['status'], 'send' | 'edit' | 'stamp', Doc>(
  'doc',
  [
    { from: 'DRAFT', action: 'send', who: [owner], guards: [hasPages], to: 'SENT' },
    // Staff may send an empty one.
    { from: 'DRAFT', action: 'send', who: ['staff'], to: 'SENT' },
    ...inPlace(['DRAFT'], 'edit', [owner]),
    {
      from: 'SENT',
      action: 'stamp',
      who: ['staff'],
      guards: [{ ...hasPages, name: 'blank', code: ErrorCode.BAD_USER_INPUT }],
      to: 'SENT',
    },
  ],
  { edit: { rule: 'sent', message: (d) => `doc ${d.id} is sent`, extensions: { field: 'id' } } },
);
const refusal = (ctx: RequestContext, d: Doc, a: 'send' | 'edit' | 'stamp') => {
  try {
    table.check(ctx, d, a);
  } catch (e) {
    return { message: (e as Error).message, ...(e as { extensions: object }).extensions };
  }
  return null;
};

describe('a workflow table with guards', () => {
  const draft: Doc = { id: 1, status: 'DRAFT', ownerId: '7' };

  it('refuses in order: no row, then who, then the first failing guard, naming it', () => {
    expect(refusal(caller(['member'], '7'), { ...draft, status: 'SENT' }, 'send')).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'SENT',
      action: 'send',
    });
    expect(refusal(caller(['member'], '8'), draft, 'send')).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(caller(['member'], '7'), draft, 'send')).toEqual({
      message: 'doc 1 has no pages',
      code: 'ILLEGAL_TRANSITION',
      state: 'DRAFT',
      action: 'send',
      rule: 'empty',
      missing: 'pages',
    });
    expect(refusal(caller(['member'], '7'), { ...draft, pages: 2 }, 'send')).toBeNull();
  });

  it('takes the first row whose who and guards hold', () => {
    expect(refusal(caller(['staff']), draft, 'send')).toBeNull();
    expect(table.available(caller(['staff']), draft)).toEqual(['send']);
    expect(table.available(caller(['member'], '7'), draft)).toEqual(['edit']);
    expect(table.available(caller(['member'], '7'), { ...draft, pages: 1 })).toEqual([
      'send',
      'edit',
    ]);
  });

  it("names a closed action's rule, and keeps a guard's own code", () => {
    expect(refusal(caller(['member'], '7'), { ...draft, status: 'SENT' }, 'edit')).toEqual({
      message: 'doc 1 is sent',
      code: 'ILLEGAL_TRANSITION',
      state: 'SENT',
      action: 'edit',
      rule: 'sent',
      field: 'id',
    });
    expect(refusal(caller(['staff']), { ...draft, status: 'SENT' }, 'stamp')).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'blank',
    });
  });
});
