import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { resolveUsageScope, type UsageFilters } from './resolveUsageScope.ts';
import { summarizeUsage } from './summarizeUsage.ts';
import { USAGE_MAX_DAYS } from './usageLimits.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `GET /v1/usage`: the merchant's usage from `start` to `end` (now when left out), day by day,
 * for a customer, a meter and metadata when given. One call sums at most `USAGE_MAX_DAYS` days.
 */
export async function summarizeMerchantUsage(
  services: Pick<Services, 'db' | 'dialect' | 'now'>,
  merchantId: string,
  query: UsageFilters & { start: string; end?: string | undefined },
) {
  if (query.end !== undefined && query.end <= query.start) {
    throw new ServiceError(
      'invalid_request',
      'Lava Checkout: end is invalid: it must come after start. Pass an end after start, or leave it out for now.',
      { param: 'end' },
    );
  }
  // Without an end, everything from start on: up to now.
  const end = query.end ?? services.now().toISOString();
  const param = query.end === undefined ? 'start' : 'end';
  if (Date.parse(end) - Date.parse(query.start) > USAGE_MAX_DAYS * DAY_MS) {
    throw new ServiceError(
      'invalid_request',
      `Lava Checkout: ${param} is invalid: one call sums at most ${USAGE_MAX_DAYS} days from start to end${query.end === undefined ? ' (now, when end is left out)' : ''}. Ask for a shorter range, in several calls if need be.`,
      { param },
    );
  }
  const scope = await resolveUsageScope(services.db, merchantId, query);
  return summarizeUsage(services, scope, {
    start: query.start,
    ...(query.end === undefined ? {} : { end: query.end }),
  });
}
