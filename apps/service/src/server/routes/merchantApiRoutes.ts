import { Hono } from 'hono';
import { authenticateMerchant } from '../merchants/authenticateMerchant.ts';
import { idempotency } from '../platform/http/idempotency.ts';
import type { Services } from '../Services.ts';
import { checkoutSessionRoutes } from './v1/checkoutSessionRoutes.ts';
import { creditBundleRoutes } from './v1/creditBundleRoutes.ts';
import { customerRoutes } from './v1/customerRoutes.ts';
import { customerSessionRoutes } from './v1/customerSessionRoutes.ts';
import type { MerchantApiEnv } from './v1/MerchantApiEnv.ts';
import { merchantRoutes } from './v1/merchantRoutes.ts';
import { meterRoutes } from './v1/meterRoutes.ts';
import { planRoutes } from './v1/planRoutes.ts';
import { secretKeyRoutes } from './v1/secretKeyRoutes.ts';
import { spendKeyRoutes } from './v1/spendKeyRoutes.ts';
import { subscriptionRoutes } from './v1/subscriptionRoutes.ts';
import { usageRoutes } from './v1/usageRoutes.ts';
import { webhookRoutes } from './v1/webhookRoutes.ts';

/**
 * The merchant REST API, `/v1`, in the shapes the published `@lavapayments/nodejs` SDK reads:
 * every call authorised by `Authorization: Bearer <secret key>`, every POST idempotent under
 * an `Idempotency-Key`, and each merchant seeing only its own records (another merchant's ids
 * answer 404).
 */
export function merchantApiRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();

  app.use('/v1/*', async (c, next) => {
    c.set(
      'merchant',
      await authenticateMerchant(services.db, c.req.header('authorization'), services.now()),
    );
    return next();
  });
  app.use('/v1/*', idempotency(services));

  for (const routes of [
    merchantRoutes,
    meterRoutes,
    planRoutes,
    creditBundleRoutes,
    checkoutSessionRoutes,
    customerRoutes,
    customerSessionRoutes,
    subscriptionRoutes,
    usageRoutes,
    webhookRoutes,
    spendKeyRoutes,
    secretKeyRoutes,
  ]) {
    app.route('/', routes(services));
  }
  return app;
}
