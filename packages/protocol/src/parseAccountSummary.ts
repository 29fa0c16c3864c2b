import type { AccountSummary } from './AccountSummary.ts';

const isMoney = (value: unknown) => typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Reads an `AccountSummary` from the account API's JSON (the summary, or a balance event's
 * data). Returns `null` for anything that is not one, and never throws: the browser shows only
 * what it could check. Small on purpose: the balance widget loads it before anything else.
 */
export function parseAccountSummary(value: unknown): AccountSummary | null {
  if (!isObject(value)) return null;
  const { customer_id, status, plan, credits, cycle_end_at, pending_change } = value;
  return typeof customer_id === 'string' &&
    ['active', 'cancelled', 'none'].includes(status as string) &&
    isObject(credits) &&
    [credits.total, credits.cycle, credits.bundle].every(isMoney) &&
    (plan === null ||
      (isObject(plan) && typeof plan.name === 'string' && isMoney(plan.included_credit))) &&
    (cycle_end_at === null || !Number.isNaN(Date.parse(cycle_end_at as string))) &&
    (pending_change === null ||
      (isObject(pending_change) &&
        ['cancellation', 'downgrade'].includes(pending_change.type as string)))
    ? (value as unknown as AccountSummary)
    : null;
}
