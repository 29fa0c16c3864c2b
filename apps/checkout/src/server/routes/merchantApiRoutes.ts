import { Hono } from 'hono';
import type { CheckoutServices } from '../CheckoutServices.ts';
import { toRestCheckoutSession } from '../customers/toRestCheckoutSession.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import { CheckoutError } from '../errors/CheckoutError.ts';
import { hashSecretKey } from '../merchants/hashSecretKey.ts';

/**
 * The first slice of the merchant REST API, so a merchant backend can confirm what `onSuccess`
 * reported before trusting it: `GET /v1/checkout_sessions/:id` (did the session it minted
 * complete, and for which customer) and `GET /v1/customers/:id`.
 */
export function merchantApiRoutes(
  services: CheckoutServices,
): Hono<{ Variables: { merchantId: string } }> {
  const app = new Hono<{ Variables: { merchantId: string } }>();

  app.use('/v1/*', async (c, next) => {
    const key = /^Bearer (aks_(?:test|live)_\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const row = key
      ? await services.db
          .selectFrom('secret_keys')
          .select('merchant_id')
          .where('key_hash', '=', hashSecretKey(key))
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!row) {
      throw new CheckoutError(
        'invalid_api_key',
        'Lava Checkout: missing or unknown secret key. Send Authorization: Bearer aks_test_... with the key of your merchant account.',
      );
    }
    c.set('merchantId', row.merchant_id);
    return next();
  });

  app.get('/v1/checkout_sessions/:id', async (c) => {
    const session = await services.db
      .selectFrom('checkout_sessions')
      .selectAll()
      .where('id', '=', c.req.param('id'))
      .where('merchant_id', '=', c.get('merchantId'))
      .executeTakeFirst();
    if (!session) {
      throw new CheckoutError(
        'not_found',
        'Lava Checkout: no checkout session with this id was opened in this account. Sessions are recorded when the customer first opens them; use the checkout_session_id that createCheckoutSession() returned.',
      );
    }
    return c.json(toRestCheckoutSession(session));
  });

  app.get('/v1/customers/:id', async (c) => {
    const customer = await services.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', c.req.param('id'))
      .where('merchant_id', '=', c.get('merchantId'))
      .executeTakeFirst();
    if (!customer) {
      throw new CheckoutError(
        'not_found',
        `Lava Checkout: no customer ${c.req.param('id')} in this account. Use the customer_id that checkout reported.`,
      );
    }
    const subscription = await services.db
      .selectFrom('subscriptions')
      .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
      .select(['subscriptions.id', 'subscriptions.plan_id', 'plans.name', 'subscriptions.status'])
      .where('subscriptions.customer_id', '=', customer.id)
      .where('subscriptions.status', '=', 'active')
      .executeTakeFirst();
    return c.json(toRestCustomer(customer, subscription ?? null));
  });

  return app;
}
