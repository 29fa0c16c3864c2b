import Decimal from 'decimal.js';

/**
 * Exact decimal arithmetic for money and usage: 40 significant digits (amounts up to 12 digits
 * before the point and 10 after fit with room to spare), halves rounded away from zero. Never
 * a float.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof Money>;

/** Places kept in usage amounts (request charges, usage totals), as the Lava API writes them. */
export const USAGE_PLACES = 10;

/** A usage amount: exactly 10 places, e.g. `"0.0581000000"`. */
export const formatUsage = (value: Decimal.Value): string =>
  new Money(value).toDecimalPlaces(USAGE_PLACES).toFixed(USAGE_PLACES);

/** A price or a balance: at least 2 places, more only when it has them (`"25.00"`, `"24.999997"`). */
export function formatMoney(value: Decimal.Value): string {
  const amount = new Money(value).toDecimalPlaces(USAGE_PLACES);
  return amount.toFixed(Math.max(2, amount.decimalPlaces()));
}
