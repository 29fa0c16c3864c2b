import { mintCustomerSession, readCustomerSessionParams } from '@lava-checkout/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { findCustomerOrThrow } from '../../customers/findCustomerOrThrow.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';
import { paramsOrThrow } from './paramsOrThrow.ts';

/** The fields are checked by `readCustomerSessionParams`, as the server helper does. */
const CreateCustomerSession = z.strictObject({
  customer_id: z.string().max(2048).nullable().optional(),
  origin_url: z.string().max(2048).nullable().optional(),
});

/**
 * `POST /v1/customer_sessions`: mints the same signed customer session as the server helper,
 * for backends in any language. Nothing is stored: the session is its signature.
 */
export function customerSessionRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateCustomerSession);
    const params = paramsOrThrow(readCustomerSessionParams(body));
    const merchant = c.get('merchant');
    const customer = await findCustomerOrThrow(
      services.db,
      merchant.id,
      params.customerId,
      'customer_id',
    );
    const { session } = await mintCustomerSession(
      { ...params, customerId: customer.id },
      {
        signingKey: merchant.signingKey,
        environment: merchant.environment,
        base: services.publicUrl,
        now: services.now().getTime(),
      },
    );
    return c.json(session, 201);
  });

  return app;
}
