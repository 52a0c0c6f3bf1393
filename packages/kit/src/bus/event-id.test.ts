import { describe, expect, it } from 'vitest';
import { eventId } from './event-id.js';

describe('eventId', () => {
  it('is a version-7 UUID', () => {
    expect(eventId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sorts in the order made, within one millisecond and past the counter overflow', () => {
    const t = Date.now() + 60_000;
    const ids = Array.from({ length: 5000 }, () => eventId(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes backwards when the clock does', () => {
    const a = eventId(Date.now() + 120_000);
    const b = eventId(Date.now());
    expect(b > a).toBe(true);
  });
});
