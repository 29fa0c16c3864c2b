import { describe, expect, it } from 'vitest';
import { prorateUpgrade } from './prorateUpgrade.ts';

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 1);
const cycle = {
  cycleStartAt: new Date(start).toISOString(),
  cycleEndAt: new Date(start + 30 * DAY).toISOString(),
};
/** An upgrade from 49.00 to 99.00 a cycle, made at `ms`. */
const upgradeAt = (ms: number) =>
  prorateUpgrade({ ...cycle, currentAmount: '49.00', newAmount: '99.00', at: new Date(ms) });

describe('prorateUpgrade', () => {
  it('charges the new price less the unused share of the current one', () => {
    expect(upgradeAt(start + 12 * DAY)).toEqual({ unused: '29.40', amount: '69.60' });
  });

  it('rounds the unused share down to the cent', () => {
    // 49.00 × 20/30 = 32.666…: 32.66 back, 66.34 charged.
    expect(upgradeAt(start + 10 * DAY)).toEqual({ unused: '32.66', amount: '66.34' });
  });

  it('gives the whole price back at the cycle start and nothing at or past its end', () => {
    expect(upgradeAt(start)).toEqual({ unused: '49.00', amount: '50.00' });
    expect(upgradeAt(start + 30 * DAY)).toEqual({ unused: '0.00', amount: '99.00' });
    expect(upgradeAt(start + 31 * DAY)).toEqual({ unused: '0.00', amount: '99.00' });
  });
});
