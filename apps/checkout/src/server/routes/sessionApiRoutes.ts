import { Hono } from 'hono';
import {
  SendCodeRequest,
  SubscribeRequest,
  VerifyCodeRequest,
} from '../../shared/checkoutContract.ts';
import type { CheckoutServices } from '../CheckoutServices.ts';
import { clientIp } from '../http/clientIp.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { sendVerificationCode } from '../sessions/sendVerificationCode.ts';
import { subscribe } from '../sessions/subscribe.ts';
import { type CheckoutContext, verifyCheckout } from '../sessions/verifyCheckout.ts';
import { verifyCode } from '../sessions/verifyCode.ts';

type Env = { Variables: { checkout: CheckoutContext } };

/**
 * The page's own API, `/api/checkout/*`. The session secret travels in
 * `Authorization: Bearer <secret>`, never in these URLs; every call re-verifies it.
 */
export function sessionApiRoutes(services: CheckoutServices): Hono<Env> {
  const app = new Hono<Env>();

  app.use('/api/checkout/*', async (c, next) => {
    const secret = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    c.set('checkout', await verifyCheckout(services, secret, services.now()));
    return next();
  });

  app.post('/api/checkout/phone', async (c) => {
    const { phone } = await readJsonBody(c, SendCodeRequest);
    const ip = clientIp(c, services.trustProxy);
    return c.json(await sendVerificationCode(services, c.get('checkout'), phone, ip));
  });

  app.post('/api/checkout/code', async (c) => {
    const { code } = await readJsonBody(c, VerifyCodeRequest);
    return c.json(await verifyCode(services, c.get('checkout'), code));
  });

  app.post('/api/checkout/subscribe', async (c) => {
    const request = await readJsonBody(c, SubscribeRequest);
    const ip = clientIp(c, services.trustProxy);
    return c.json(await subscribe(services, c.get('checkout'), request, ip));
  });

  return app;
}
