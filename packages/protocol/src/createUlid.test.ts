import { describe, expect, it } from 'vitest';
import { createUlid } from './createUlid.ts';
import { CHECKOUT_SESSION_ID_PATTERN } from './ids.ts';

describe('createUlid', () => {
  it('makes 26 Crockford characters that fit the id patterns', () => {
    expect(`cs_test_${createUlid()}`).toMatch(CHECKOUT_SESSION_ID_PATTERN);
  });

  it('encodes the time first, so ids sort by creation', () => {
    expect(createUlid(0).slice(0, 10)).toBe('0000000000');
    expect(createUlid(1469918176385).slice(0, 10)).toBe('01ARYZ6S41');
    expect(createUlid(1000) < createUlid(2000)).toBe(true);
  });

  it('does not repeat in 10 000 draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => createUlid(0)));
    expect(ids.size).toBe(10_000);
  });
});
