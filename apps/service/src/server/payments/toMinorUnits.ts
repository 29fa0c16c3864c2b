const DECIMAL = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/**
 * A decimal money string in a currency's minor units (`"49.00"` -> `4900` cents), by string
 * arithmetic: money never passes through a float. Throws on anything that is not a plain
 * non-negative amount with at most two decimals.
 */
export function toMinorUnits(amount: string): number {
  const match = DECIMAL.exec(amount);
  if (!match) {
    throw new Error(
      `Lava Checkout: "${amount}" is not an amount with at most two decimals. Store money as decimal strings like "49.00".`,
    );
  }
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
