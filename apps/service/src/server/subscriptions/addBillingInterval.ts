import type { Tables } from '../platform/db/Database.ts';

/** How each billing interval moves a date forward, in UTC calendar terms. */
const ADVANCE: Record<Tables['plans']['billing_interval'], (end: Date) => void> = {
  day: (end) => end.setUTCDate(end.getUTCDate() + 1),
  week: (end) => end.setUTCDate(end.getUTCDate() + 7),
  month: (end) => end.setUTCMonth(end.getUTCMonth() + 1),
  year: (end) => end.setUTCFullYear(end.getUTCFullYear() + 1),
};

/** The end of a billing cycle that starts at `start`, in UTC calendar terms. */
export function addBillingInterval(
  start: Date,
  interval: Tables['plans']['billing_interval'],
): Date {
  const end = new Date(start);
  ADVANCE[interval](end);
  return end;
}
