import type Decimal from 'decimal.js';
import { Money, USAGE_PLACES } from './Money.ts';

const TRILLION = new Money('1e12');
const FRACTION = new Money(10).pow(USAGE_PLACES);

/**
 * A non-negative amount of at most 10 places as three whole numbers the databases can sum
 * exactly: SQLite has no decimal type, and sums of its integers are exact. Each part stays
 * below 10^12 (whole units below 10^12 × 2^53), so a sum of a few thousand of them is still a
 * safe JavaScript integer, and `joinAmountParts` puts the sums back together exactly.
 */
export interface AmountParts {
  /** Whole units divided by 10^12. */
  trillions: number;
  /** Whole units modulo 10^12. */
  ones: number;
  /** The 10 places, as a whole number of 10^-10 units. */
  fraction: number;
}

/** Splits an amount into its parts; rounds it to 10 places first, as stored amounts are. */
export function splitAmount(value: Decimal.Value): AmountParts {
  const amount = new Money(value).toDecimalPlaces(USAGE_PLACES);
  if (amount.isNegative()) {
    throw new Error(`Lava Checkout: cannot split the negative amount ${amount.toFixed()}.`);
  }
  const whole = amount.floor();
  const trillions = whole.div(TRILLION).floor();
  if (!trillions.lte(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`Lava Checkout: the amount ${amount.toFixed()} is too large to store.`);
  }
  return {
    trillions: trillions.toNumber(),
    ones: whole.mod(TRILLION).toNumber(),
    fraction: amount.minus(whole).times(FRACTION).toNumber(),
  };
}

/** Sums of parts, as a database hands them back (a number, or a string for a PostgreSQL numeric). */
export type AmountPartSums = Record<keyof AmountParts, number | string | bigint | null>;

/** The exact amount that sums of parts make. */
export function joinAmountParts(sums: AmountPartSums): Money {
  const part = (value: number | string | bigint | null) => new Money(String(value ?? 0));
  return part(sums.trillions)
    .times(TRILLION)
    .plus(part(sums.ones))
    .plus(part(sums.fraction).div(FRACTION));
}
