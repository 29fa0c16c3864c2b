import { describe, expect, it } from 'vitest';
import { prorateUpgrade } from './prorateUpgrade.ts';

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 1);
const cycle = {
  cycleStartAt: new Date(start).toISOString(),
  cycleEndAt: new Date(start + 30 * DAY).toISOString(),
};

describe('prorateUpgrade', () => {
  it('charges the new price less the unused share of the current one', () => {
    expect(
      prorateUpgrade({
        ...cycle,
        currentAmount: '49.00',
        newAmount: '99.00',
        at: new Date(start + 12 * DAY),
      }),
    ).toEqual({ unused: '29.40', amount: '69.60' });
  });

  it('rounds the unused share down to the cent', () => {
    // 49.00 × 20/30 = 32.666…: 32.66 back, 66.34 charged.
    expect(
      prorateUpgrade({
        ...cycle,
        currentAmount: '49.00',
        newAmount: '99.00',
        at: new Date(start + 10 * DAY),
      }),
    ).toEqual({ unused: '32.66', amount: '66.34' });
  });

  it('gives the whole price back at the cycle start and nothing at or past its end', () => {
    const at = (ms: number) =>
      prorateUpgrade({ ...cycle, currentAmount: '49.00', newAmount: '99.00', at: new Date(ms) });
    expect(at(start)).toEqual({ unused: '49.00', amount: '50.00' });
    expect(at(start + 30 * DAY)).toEqual({ unused: '0.00', amount: '99.00' });
    expect(at(start + 31 * DAY)).toEqual({ unused: '0.00', amount: '99.00' });
  });
});
