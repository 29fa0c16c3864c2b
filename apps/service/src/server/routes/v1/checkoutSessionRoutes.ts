import { mintCheckoutSession, readCheckoutSessionParams } from '@lava-checkout/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { toRestCheckoutSession } from '../../checkoutSessions/toRestCheckoutSession.ts';
import { findCustomerOrThrow } from '../../customers/findCustomerOrThrow.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import { findCreditBundle } from './creditBundleRoutes.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';
import { findPlan } from './planRoutes.ts';

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
  const { db } = services;

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateCheckoutSession);
    const checked = readCheckoutSessionParams(body);
    if (!checked.ok) {
      throw new ServiceError(
        'invalid_request',
        `Lava Checkout: ${checked.param} is invalid: ${checked.reason}. ${checked.fix}.`,
        { param: checked.param },
      );
    }
    const merchant = c.get('merchant');
    const params = { ...checked.params };
    const customer =
      params.customerId === undefined
        ? undefined
        : await findCustomerOrThrow(db, merchant.id, params.customerId, 'customer_id');
    // A reference id becomes the customer's id, so the page finds the customer.
    if (customer) params.customerId = customer.id;
    let planId: string | null = null;
    if (params.planId !== undefined) {
      planId = (await findPlan(db, merchant.id, params.planId, 'plan_id')).id;
    }
    if (params.creditBundleId !== undefined && customer) {
      const bundle = await findCreditBundle(
        db,
        merchant.id,
        params.creditBundleId,
        'credit_bundle_id',
      );
      const subscribed = await db
        .selectFrom('subscriptions')
        .select('id')
        .where('customer_id', '=', customer.id)
        .where('plan_id', '=', bundle.plan_id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!subscribed) {
        throw new ServiceError(
          'invalid_state',
          `Lava Checkout: customer ${customer.id} is not subscribed to the plan of credit bundle ${bundle.id}. Sell the plan first (checkout_mode "subscription"), then its bundles.`,
          { param: 'credit_bundle_id' },
        );
      }
    }
    const { session, claims } = await mintCheckoutSession(params, {
      signingKey: merchant.signingKey,
      environment: merchant.environment,
      base: services.publicUrl,
      now: services.now().getTime(),
    });
    await db
      .insertInto('checkout_sessions')
      .values({
        id: claims.sid,
        merchant_id: merchant.id,
        mode: claims.mode,
        origin_url: claims.origin,
        plan_id: planId,
        customer_id: claims.customer ?? null,
        credit_bundle_id: claims.bundle ?? null,
        status: 'open',
        phone: null,
        code_sends: 0,
        payment_attempts: 0,
        expires_at: session.expires_at,
        created_at: session.created_at,
        completed_at: null,
        updated_at: session.created_at,
        code_hash: null,
        code_expires_at: null,
        code_sent_at: null,
        code_attempts: 0,
      })
      .execute();
    return c.json(session, 201);
  });

  app.get('/:id', async (c) => {
    const session = await db
      .selectFrom('checkout_sessions')
      .selectAll()
      .where('id', '=', c.req.param('id'))
      .where('merchant_id', '=', c.get('merchant').id)
      .executeTakeFirst();
    if (!session) {
      throw new ServiceError(
        'not_found',
        'Lava Checkout: no checkout session with this id in this account. Sessions minted by POST /v1/checkout_sessions are known at once; sessions minted locally (createCheckoutSession) once the customer opens them.',
      );
    }
    return c.json(toRestCheckoutSession(session));
  });

  return app;
}
