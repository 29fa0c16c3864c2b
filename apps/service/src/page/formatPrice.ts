const INTERVAL_WORD = { day: 'day', week: 'week', month: 'month', year: 'year' } as const;

/** `"49.00", "month"` -> `"$49.00 / month"`. */
export function formatPrice(amount: string, interval?: keyof typeof INTERVAL_WORD): string {
  return interval ? `$${amount} / ${INTERVAL_WORD[interval]}` : `$${amount}`;
}
