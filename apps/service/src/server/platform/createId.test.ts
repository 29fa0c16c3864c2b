import { CHECKOUT_SESSION_ID_PATTERN, createUlid } from '@lava-checkout/protocol';
import { describe, expect, it } from 'vitest';
import { createId } from './createId.ts';

describe('createId', () => {
  it('makes the Lava id shape: prefix, environment, 26 Crockford characters', () => {
    expect(createId('cs', 'test')).toMatch(CHECKOUT_SESSION_ID_PATTERN);
    expect(createId('con', 'live')).toMatch(/^con_live_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('encodes the time first, as the protocol ULID does, so ids sort by creation', () => {
    const at = 1469918176385;
    expect(createId('pay', 'test', at).slice(9, 19)).toBe(createUlid(at).slice(0, 10));
    expect(createId('pay', 'test', 1000) < createId('pay', 'test', 2000)).toBe(true);
  });

  it('does not repeat in 10 000 draws at the same millisecond, across refills of its pool', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => createId('evt', 'test', 0)));
    expect(ids.size).toBe(10_000);
  });
});
