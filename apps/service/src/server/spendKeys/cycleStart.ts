import type { SpendKeyCycle } from '../platform/db/Database.ts';

/** The start of `total`, a cycle that never ends. */
const BEGINNING = '1970-01-01T00:00:00.000Z';

/**
 * When the cycle holding `now` began, in UTC: midnight for `daily`, Monday midnight for
 * `weekly`, the first of the month for `monthly`. A counter whose recorded start differs counts
 * from zero again.
 */
export function cycleStart(cycle: SpendKeyCycle, now: Date): string {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  switch (cycle) {
    case 'daily':
      return new Date(day).toISOString();
    case 'weekly':
      return new Date(day - ((now.getUTCDay() + 6) % 7) * 86_400_000).toISOString();
    case 'monthly':
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    case 'total':
      return BEGINNING;
    default:
      return cycle satisfies never;
  }
}
