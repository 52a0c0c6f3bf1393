import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createBuilder } from './builder.js';

// A real kit builder with one field taking and returning each scalar.
const builder = createBuilder();
builder.queryFields((t) => ({
  nextDay: t.field({
    type: 'Date',
    args: { on: t.arg({ type: 'Date', required: true }) },
    resolve: (_root, { on }) =>
      `${on.slice(0, 8)}${String(Number(on.slice(8)) + 1).padStart(2, '0')}`,
  }),
  echoInstant: t.field({
    type: 'DateTime',
    args: { at: t.arg({ type: 'DateTime', required: true }) },
    resolve: (_root, { at }) => at,
  }),
  storedDay: t.field({ type: 'Date', resolve: () => 'not a day' }),
}));
const schema = builder.toSchema();
const run = (source: string, variableValues?: Record<string, unknown>) =>
  graphql({ schema, source, variableValues, contextValue: {} });

describe('the Date scalar', () => {
  it('takes and gives a calendar day, as a variable or inline', async () => {
    expect(
      (await run('query ($on: Date!) { nextDay(on: $on) }', { on: '2026-03-01' })).data,
    ).toEqual({ nextDay: '2026-03-02' });
    expect((await run('{ nextDay(on: "2026-03-01") }')).data).toEqual({ nextDay: '2026-03-02' });
  });

  it('refuses an impossible day in a variable as BAD_USER_INPUT, saying the rule and naming the variable', async () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-3-1']) {
      const { errors } = await run('query ($on: Date!) { nextDay(on: $on) }', { on: bad });
      expect(errors).toHaveLength(1);
      expect(errors![0].message).toBe(
        `Variable "$on" got invalid value "${bad}"; Date must be a calendar date written YYYY-MM-DD (e.g. 2026-03-01)`,
      );
      expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'date' });
    }
  });

  it('refuses an impossible day written inline, and a number', async () => {
    expect((await run('{ nextDay(on: "2026-02-30") }')).errors![0].message).toBe(
      'Date must be a calendar date written YYYY-MM-DD (e.g. 2026-03-01)',
    );
    expect((await run('{ nextDay(on: 20260301) }')).errors![0].extensions).toMatchObject({
      rule: 'date',
    });
  });

  it('refuses to write out a stored value that is not a day', async () => {
    expect((await run('{ storedDay }')).errors![0].message).toMatch(
      /Date: a stored value "not a day" is not a day/,
    );
  });
});

describe('the DateTime scalar', () => {
  it('takes an instant with an offset and writes it in UTC', async () => {
    expect(
      (
        await run('query ($at: DateTime!) { echoInstant(at: $at) }', {
          at: '2026-03-01T16:30:00+08:00',
        })
      ).data,
    ).toEqual({ echoInstant: '2026-03-01T08:30:00.000Z' });
  });

  it('refuses an instant without an offset', async () => {
    const { errors } = await run('query ($at: DateTime!) { echoInstant(at: $at) }', {
      at: '2026-03-01T08:30:00',
    });
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'dateTime' });
  });
});
