import { Hono } from 'hono';
import { z } from 'zod';
import { startAutoTopUp } from '../../credits/startAutoTopUp.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { id, listQuery, requestMetadata } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import { findRequestOrThrow } from '../../usage/findRequestOrThrow.ts';
import { listUsageRequests } from '../../usage/listUsageRequests.ts';
import { recordUsage } from '../../usage/recordUsage.ts';
import { resolveUsageScope } from '../../usage/resolveUsageScope.ts';
import { toRestRequest } from '../../usage/toRestRequest.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';
import { usageFilters } from './usageQuery.ts';

const count = z
  .number()
  .int('expected a whole number')
  .min(0, 'expected a whole number of 0 or more')
  .max(1e12, 'expected at most 1,000,000,000,000')
  .optional();

const CreateRequest = z.strictObject({
  request_id: z.string().regex(/^[\x21-\x7e]{1,255}$/, 'expected 1 to 255 printable characters'),
  customer_id: id,
  meter_slug: z.string().min(1).max(64),
  metadata: requestMetadata.optional(),
  input_tokens: count,
  output_tokens: count,
  input_characters: count,
  output_characters: count,
  input_seconds: count,
  output_seconds: count,
});

const ListRequests = z.strictObject({ ...listQuery, ...usageFilters });

/** `/v1/requests`: usage recorded against customers and meters. */
export function requestRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateRequest);
    const recorded = await recordUsage(services, c.get('merchant'), {
      request_id: body.request_id,
      customer_id: body.customer_id,
      meter_slug: body.meter_slug,
      metadata: body.metadata ?? {},
      input_tokens: body.input_tokens ?? 0,
      output_tokens: body.output_tokens ?? 0,
      input_characters: body.input_characters ?? 0,
      output_characters: body.output_characters ?? 0,
      input_seconds: body.input_seconds ?? 0,
      output_seconds: body.output_seconds ?? 0,
    });
    // The draw may have used the last of the credits: top up, without making this answer wait.
    if (recorded.created && recorded.row.subscription_id !== null && recorded.row.customer_id) {
      startAutoTopUp(services, { customerId: recorded.row.customer_id });
    }
    return c.json(toRestRequest(recorded.row), recorded.created ? 201 : 200);
  });

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, ListRequests);
    const scope = await resolveUsageScope(services.db, c.get('merchant').id, query);
    return c.json(
      await listPage(
        query,
        (before, take) => listUsageRequests(services, scope, before, take),
        toRestRequest,
      ),
    );
  });

  app.get('/:id', async (c) =>
    c.json(
      toRestRequest(await findRequestOrThrow(services.db, c.get('merchant').id, c.req.param('id'))),
    ),
  );

  return app;
}
