import { z } from 'zod';
import { id } from '../../platform/http/merchantSchemas.ts';
import { MAX_METADATA_FILTERS } from '../../usage/usageLimits.ts';

// Query parameters the usage reads share (`/v1/requests`, `/v1/usage`).

/**
 * `metadata_filters`: `JSON.stringify(Object.entries({ key: 'value' }))`, as the SDK sends them;
 * at most `MAX_METADATA_FILTERS` pairs, since each is checked against every request read.
 */
export const metadataFilters = z
  .string()
  .transform((value, ctx) => {
    try {
      const pairs = JSON.parse(value) as unknown;
      if (Array.isArray(pairs) && pairs.length > MAX_METADATA_FILTERS) {
        ctx.addIssue({
          code: 'custom',
          message: `expected at most ${MAX_METADATA_FILTERS} [key, value] pairs`,
        });
        return z.NEVER;
      }
      if (
        Array.isArray(pairs) &&
        pairs.every(
          (pair) =>
            Array.isArray(pair) &&
            pair.length === 2 &&
            typeof pair[0] === 'string' &&
            typeof pair[1] === 'string',
        )
      ) {
        return pairs as [string, string][];
      }
    } catch {}
    ctx.addIssue({ code: 'custom', message: 'expected a JSON array of [key, value] string pairs' });
    return z.NEVER;
  })
  .optional();

/** A date (`2026-11-01`) or an ISO-8601 time, as an ISO string. */
export const time = z.string().transform((value, ctx) => {
  const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value)
    ? new Date(/T/.test(value) ? value : `${value}T00:00:00.000Z`)
    : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a date like 2026-11-01, or an ISO-8601 time',
    });
    return z.NEVER;
  }
  return parsed.toISOString();
});

/** What a usage read may be narrowed to: a customer, a meter, metadata pairs. */
export const usageFilters = {
  customer_id: id.optional(),
  meter_id: id.optional(),
  metadata_filters: metadataFilters,
};
