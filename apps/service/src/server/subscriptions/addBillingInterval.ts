import type { Tables } from '../platform/db/Database.ts';

/** The end of a billing cycle that starts at `start`, in UTC calendar terms. */
export function addBillingInterval(
  start: Date,
  interval: Tables['plans']['billing_interval'],
): Date {
  const end = new Date(start);
  switch (interval) {
    case 'day':
      end.setUTCDate(end.getUTCDate() + 1);
      break;
    case 'week':
      end.setUTCDate(end.getUTCDate() + 7);
      break;
    case 'month':
      end.setUTCMonth(end.getUTCMonth() + 1);
      break;
    case 'year':
      end.setUTCFullYear(end.getUTCFullYear() + 1);
      break;
    default:
      interval satisfies never;
  }
  return end;
}
