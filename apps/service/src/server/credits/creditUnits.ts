import type Decimal from 'decimal.js';
import { Money, USAGE_PLACES } from '../platform/money/Money.ts';

/** Credit units in one unit of the currency: the ledger counts whole 10^-10 units. */
export const UNITS_PER_CREDIT = 10n ** BigInt(USAGE_PLACES);

/** An amount (a decimal string, as the API writes it) in credit units, rounded half up at 10 places. */
export function toCreditUnits(value: Decimal.Value): bigint {
  return BigInt(new Money(value).toDecimalPlaces(USAGE_PLACES).times(1e10).toFixed(0));
}

/** Credit units as an exact amount of the currency. */
export const fromCreditUnits = (units: bigint): Money =>
  new Money(units.toString()).div(UNITS_PER_CREDIT.toString());

/** A `bigint` column as the database hands it back: a number (SQLite), a string (PostgreSQL). */
export const readCreditUnits = (value: number | string | bigint | null | undefined): bigint =>
  BigInt(value ?? 0);
