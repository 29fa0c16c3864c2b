import type { AccountSummary } from './AccountSummary.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isMoney = (value: unknown): value is string =>
  typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);
const isTimeOrNull = (value: unknown): value is string | null =>
  value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));

/**
 * Reads an `AccountSummary` from the account API's JSON (the summary, or a balance event's
 * data). Returns `null` for anything that is not one, and never throws: the browser shows only
 * what it could check.
 */
export function parseAccountSummary(value: unknown): AccountSummary | null {
  if (!isRecord(value) || !isRecord(value.credits)) return null;
  const { customer_id, status, plan, credits, cycle_end_at, pending_change } = value;
  if (typeof customer_id !== 'string') return null;
  if (status !== 'active' && status !== 'cancelled' && status !== 'none') return null;
  if (!isMoney(credits.total) || !isMoney(credits.cycle) || !isMoney(credits.bundle)) return null;
  if (!isTimeOrNull(cycle_end_at)) return null;
  if (
    plan !== null &&
    !(
      isRecord(plan) &&
      typeof plan.id === 'string' &&
      typeof plan.name === 'string' &&
      isMoney(plan.period_amount) &&
      isMoney(plan.included_credit) &&
      ['day', 'week', 'month', 'year'].includes(plan.billing_interval as string)
    )
  ) {
    return null;
  }
  if (
    pending_change !== null &&
    !(
      isRecord(pending_change) &&
      (pending_change.type === 'cancellation' || pending_change.type === 'downgrade') &&
      isTimeOrNull(pending_change.effective_at)
    )
  ) {
    return null;
  }
  return value as unknown as AccountSummary;
}
