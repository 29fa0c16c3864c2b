import { type Context, Hono } from 'hono';
import {
  BuyBundleRequest,
  SendCodeRequest,
  SubscribeRequest,
  VerifyCodeRequest,
} from '../../shared/checkoutContract.ts';
import { type CheckoutContext, verifyCheckout } from '../checkoutSessions/verifyCheckout.ts';
import { buyBundle } from '../credits/buyBundle.ts';
import { findBundleBuyer, toCardOnFile } from '../credits/findBundleBuyer.ts';
import { addressLimitKey } from '../platform/http/addressLimitKey.ts';
import { clientIp } from '../platform/http/clientIp.ts';
import { jsonBodyLimit } from '../platform/http/jsonBodyLimit.ts';
import { readJsonBody } from '../platform/http/readJsonBody.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { subscribe } from '../subscriptions/subscribe.ts';
import { sendVerificationCode } from '../verification/sendVerificationCode.ts';
import { verifyCode } from '../verification/verifyCode.ts';

type Env = { Variables: { checkout: CheckoutContext } };

/**
 * The page's own API, mounted at `/api/checkout`: bodies up to 16 KB. The session secret travels in
 * `Authorization: Bearer <secret>`, never in these URLs; every call re-verifies it.
 */
export function sessionApiRoutes(services: Services): Hono<Env> {
  const app = new Hono<Env>();
  /** What the limits per address count for this request's client; `null`: none apply. */
  const addressOf = (c: Context) =>
    addressLimitKey(clientIp(c, services.trustedProxies), services.production);

  app.use('*', jsonBodyLimit());
  app.use('*', async (c, next) => {
    const secret = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    c.set('checkout', await verifyCheckout(services, secret, services.now()));
    return next();
  });

  app.post('/phone', async (c) => {
    const { phone } = await readJsonBody(c, SendCodeRequest);
    const ip = addressOf(c);
    return c.json(await sendVerificationCode(services, c.get('checkout'), phone, ip));
  });

  app.post('/code', async (c) => {
    const { code } = await readJsonBody(c, VerifyCodeRequest);
    const checkout = c.get('checkout');
    const verified = await verifyCode(services, checkout, code);
    // A bundle buyer, once verified, may pay with the card their subscription is paid with.
    if (checkout.bundle && checkout.claims.customer !== undefined) {
      const buyer = await findBundleBuyer(services.db, checkout.claims.customer, checkout.plan.id);
      return c.json({ ...verified, card_on_file: toCardOnFile(buyer?.card ?? null) });
    }
    return c.json(verified);
  });

  app.post('/subscribe', async (c) => {
    const request = await readJsonBody(c, SubscribeRequest);
    const checkout = c.get('checkout');
    if (checkout.bundle) {
      throw new ServiceError(
        'invalid_request',
        'This checkout sells a credit bundle, not a plan: POST /api/checkout/buy.',
      );
    }
    const ip = addressOf(c);
    return c.json(await subscribe(services, checkout, request, ip));
  });

  app.post('/buy', async (c) => {
    const request = await readJsonBody(c, BuyBundleRequest);
    const ip = addressOf(c);
    return c.json(await buyBundle(services, c.get('checkout'), request, ip));
  });

  return app;
}
