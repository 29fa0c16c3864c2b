import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';

describe('createClock', () => {
  it('reads its source, moved forward by what it was advanced', () => {
    let source = Date.parse('2026-12-01T00:00:00.000Z');
    const clock = createClock(() => new Date(source));
    expect(clock.now().toISOString()).toBe('2026-12-01T00:00:00.000Z');
    clock.advance(31 * 24 * 60 * 60_000);
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    source += 1000;
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:01.000Z');
  });

  it('refuses to move back', () => {
    const clock = createClock();
    expect(() => clock.advance(-1)).toThrow(/only forward/);
  });
});
