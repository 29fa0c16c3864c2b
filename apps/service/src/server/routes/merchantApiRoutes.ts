import { Hono } from 'hono';
import { authenticateMerchant } from '../merchants/authenticateMerchant.ts';
import { idempotency } from '../platform/http/idempotency.ts';
import { jsonBodyLimit } from '../platform/http/jsonBodyLimit.ts';
import type { Services } from '../Services.ts';
import { catalogRoutes } from './v1/catalogRoutes.ts';
import { checkoutSessionRoutes } from './v1/checkoutSessionRoutes.ts';
import { creditBundleRoutes } from './v1/creditBundleRoutes.ts';
import { customerRoutes } from './v1/customerRoutes.ts';
import { customerSessionRoutes } from './v1/customerSessionRoutes.ts';
import type { MerchantApiEnv } from './v1/MerchantApiEnv.ts';
import { merchantRoutes } from './v1/merchantRoutes.ts';
import { meterRoutes } from './v1/meterRoutes.ts';
import { planRoutes } from './v1/planRoutes.ts';
import { requestRoutes } from './v1/requestRoutes.ts';
import { secretKeyRoutes } from './v1/secretKeyRoutes.ts';
import { spendKeyRoutes } from './v1/spendKeyRoutes.ts';
import { subscriptionRoutes } from './v1/subscriptionRoutes.ts';
import { usageRoutes } from './v1/usageRoutes.ts';
import { webhookRoutes } from './v1/webhookRoutes.ts';

/**
 * The merchant REST API, mounted at `/v1`, in the shapes the published `@lavapayments/nodejs`
 * SDK reads: bodies up to 16 KB, every call authorised by `Authorization: Bearer <secret key>`,
 * every POST idempotent under an `Idempotency-Key`, and each merchant seeing only its own
 * records (another merchant's ids answer 404). Each resource is a sub-app at its own path.
 */
export function merchantApiRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  app.use('*', jsonBodyLimit());
  app.use('*', async (c, next) => {
    c.set(
      'merchant',
      await authenticateMerchant(services.db, c.req.header('authorization'), services.now()),
    );
    return next();
  });
  app.use('*', idempotency(services));

  app.route('/merchant', merchantRoutes(services));
  app.route('/meters', meterRoutes(services));
  app.route('/plans', planRoutes(services));
  app.route('/credit_bundles', creditBundleRoutes(services));
  app.route('/checkout_sessions', checkoutSessionRoutes(services));
  app.route('/customers', customerRoutes(services));
  app.route('/customer_sessions', customerSessionRoutes(services));
  app.route('/subscriptions', subscriptionRoutes(services));
  app.route('/requests', requestRoutes(services));
  app.route('/usage', usageRoutes(services));
  app.route('/webhooks', webhookRoutes(services));
  app.route('/spend_keys', spendKeyRoutes(services));
  app.route('/secret_keys', secretKeyRoutes(services));
  app.route('/', catalogRoutes(services));
  return app;
}
