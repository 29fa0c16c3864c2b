/**
 * Start of the period a customer's graduated tiers count from: their subscription's current
 * cycle, else (no subscription) the calendar month of `now`, in UTC.
 */
export function usagePeriodStart(cycleStartAt: string | null | undefined, now: Date): string {
  return (
    cycleStartAt ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString()
  );
}
