import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7 whose text sorts in the order this process made it: 48 bits of milliseconds, then
 * a 12-bit counter that carries on within one millisecond (and borrows the next millisecond
 * when it overflows), then random bits. Outbox rows are published by (occurredAt, id), so two
 * events written in one millisecond — one mutation that says two things — leave in the order
 * they were said; a random id would break the tie by chance.
 */
export function eventId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
