import { readCheckoutSessionParams } from '@lava-checkout/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { createCheckoutSessionFromApi } from '../../checkoutSessions/createCheckoutSessionFromApi.ts';
import { findCheckoutSessionOrThrow } from '../../checkoutSessions/findCheckoutSessionOrThrow.ts';
import { toRestCheckoutSession } from '../../checkoutSessions/toRestCheckoutSession.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';
import { paramsOrThrow } from './paramsOrThrow.ts';

const optionalText = z.string().max(2048).nullable().optional();
/** The fields are checked by `readCheckoutSessionParams`, as the server helper does. */
const CreateCheckoutSession = z.strictObject({
  checkout_mode: z.string().max(64).optional(),
  origin_url: optionalText,
  plan_id: optionalText,
  customer_id: optionalText,
  credit_bundle_id: optionalText,
  subscription_config_id: optionalText,
  connection_id: optionalText,
  reference_id: optionalText,
});

/**
 * `/v1/checkout_sessions`: mints the same signed session and token as the server helper, for
 * backends in any language, and records it so `GET /v1/checkout_sessions/:id` answers at once.
 */
export function checkoutSessionRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateCheckoutSession);
    const params = paramsOrThrow(readCheckoutSessionParams(body));
    const session = await createCheckoutSessionFromApi(services, c.get('merchant'), params);
    return c.json(session, 201);
  });

  app.get('/:id', async (c) =>
    c.json(
      toRestCheckoutSession(
        await findCheckoutSessionOrThrow(services.db, c.get('merchant').id, c.req.param('id')),
      ),
    ),
  );

  return app;
}
