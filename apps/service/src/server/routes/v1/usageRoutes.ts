import { Hono } from 'hono';
import { z } from 'zod';
import { readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import { summarizeMerchantUsage } from '../../usage/summarizeMerchantUsage.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';
import { time, usageFilters } from './usageQuery.ts';

const UsageQuery = z.strictObject({ start: time, end: time.optional(), ...usageFilters });

/** `/v1/usage`: the sums of recorded usage, day by day. */
export function usageRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  app.get('/', async (c) => {
    const query = readMerchantQuery(c, UsageQuery);
    return c.json(await summarizeMerchantUsage(services, c.get('merchant').id, query));
  });
  return app;
}
