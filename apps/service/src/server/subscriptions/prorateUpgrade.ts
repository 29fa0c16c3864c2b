import Decimal from 'decimal.js';
import { Money } from '../platform/money/Money.ts';

export interface UpgradeProration {
  /** What is left of the current cycle's price, by time: taken off the new plan's price. */
  unused: string;
  /** What the upgrade charges now: the new plan's `period_amount` less `unused`. */
  amount: string;
}

/**
 * The proration of an upgrade, which starts a new cycle of the new plan at once: the customer
 * pays the new plan's `period_amount`, less the unused share of the current one, that is the
 * current `period_amount` times the time left in the cycle over the cycle's length (to the
 * millisecond), rounded down to the cent. Example: 49.00 a month → 99.00 a month, 12 days into
 * a 30-day cycle: unused 49.00 × 18/30 = 29.40, charged 99.00 − 29.40 = 69.60.
 */
export function prorateUpgrade(input: {
  currentAmount: string;
  newAmount: string;
  cycleStartAt: string;
  cycleEndAt: string;
  at: Date;
}): UpgradeProration {
  const start = Date.parse(input.cycleStartAt);
  const end = Date.parse(input.cycleEndAt);
  const left = Math.min(Math.max(end - input.at.getTime(), 0), end - start);
  const unused =
    end > start
      ? new Money(input.currentAmount)
          .times(left)
          .dividedBy(end - start)
          .toDecimalPlaces(2, Decimal.ROUND_DOWN)
      : new Money(0);
  return {
    unused: unused.toFixed(2),
    amount: new Money(input.newAmount).minus(unused).toFixed(2),
  };
}
