import { Hono } from 'hono';
import {
  SendCodeRequest,
  SubscribeRequest,
  VerifyCodeRequest,
} from '../../shared/checkoutContract.ts';
import type { CheckoutServices } from '../CheckoutServices.ts';
import { CheckoutError } from '../errors/CheckoutError.ts';
import { clientIp } from '../http/clientIp.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { type ActiveSession, openCheckoutSession } from '../sessions/openCheckoutSession.ts';
import { sendVerificationCode } from '../sessions/sendVerificationCode.ts';
import { subscribe } from '../sessions/subscribe.ts';
import { verifyCode } from '../sessions/verifyCode.ts';

type Env = { Variables: { opened: ActiveSession } };

/**
 * The page's own API, `/api/checkout/*`. The session secret travels in
 * `Authorization: Bearer <secret>`, never in these URLs; every call re-verifies it.
 */
export function sessionApiRoutes(services: CheckoutServices): Hono<Env> {
  const app = new Hono<Env>();

  app.use('/api/checkout/*', async (c, next) => {
    const secret = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const opened = await openCheckoutSession(services, secret, services.now());
    switch (opened.status) {
      case 'invalid':
        throw new CheckoutError('session_invalid', 'This checkout link is not valid.');
      case 'expired':
        throw new CheckoutError('session_expired', 'This checkout has expired. Start it again.');
      case 'completed':
        throw new CheckoutError('session_completed', 'This checkout is already complete.');
      case 'idle':
        throw new CheckoutError(
          'session_idle',
          'This checkout timed out after 15 minutes without activity. Start it again.',
        );
      case 'active':
        c.set('opened', opened);
        return next();
      default:
        return opened satisfies never;
    }
  });

  app.post('/api/checkout/phone', async (c) => {
    const { phone } = await readJsonBody(c, SendCodeRequest);
    const ip = clientIp(c, services.trustProxy);
    return c.json(await sendVerificationCode(services, c.get('opened'), phone, ip));
  });

  app.post('/api/checkout/code', async (c) => {
    const { code } = await readJsonBody(c, VerifyCodeRequest);
    return c.json(await verifyCode(services, c.get('opened'), code));
  });

  app.post('/api/checkout/subscribe', async (c) => {
    const request = await readJsonBody(c, SubscribeRequest);
    const ip = clientIp(c, services.trustProxy);
    return c.json(await subscribe(services, c.get('opened'), request, ip));
  });

  return app;
}
