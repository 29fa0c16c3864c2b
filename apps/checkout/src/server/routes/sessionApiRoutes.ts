import { Hono } from 'hono';
import { z } from 'zod';
import type { CheckoutServices } from '../CheckoutServices.ts';
import { ApiError } from '../http/ApiError.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { type OpenedSession, openCheckoutSession } from '../sessions/openCheckoutSession.ts';
import { sendVerificationCode } from '../sessions/sendVerificationCode.ts';
import { subscribe } from '../sessions/subscribe.ts';
import { verifyCode } from '../sessions/verifyCode.ts';

type ActiveSession = Extract<OpenedSession, { status: 'active' }>;

const PhoneBody = z.strictObject({ phone: z.string().min(1).max(32) });
const CodeBody = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'enter the 6 digits of the code'),
});
const CardBody = z.strictObject({
  card_number: z.string().min(1).max(32),
  expiry: z.string().min(1).max(16),
  cvc: z.string().min(1).max(8),
});

/**
 * The page's own API, `/api/checkout/*`. The session secret travels in
 * `Authorization: Bearer <secret>`, never in these URLs; every call re-verifies it.
 */
export function sessionApiRoutes(
  services: CheckoutServices,
): Hono<{ Variables: { opened: ActiveSession } }> {
  const app = new Hono<{ Variables: { opened: ActiveSession } }>();

  app.use('/api/checkout/*', async (c, next) => {
    const secret = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const opened = await openCheckoutSession(services.db, secret, services.now());
    switch (opened.status) {
      case 'invalid':
        throw new ApiError(401, 'session_invalid', 'This checkout link is not valid.');
      case 'expired':
        throw new ApiError(410, 'session_expired', 'This checkout has expired. Start it again.');
      case 'completed':
        throw new ApiError(409, 'session_completed', 'This checkout is already complete.');
      case 'active':
        c.set('opened', opened);
        return next();
      default:
        return opened satisfies never;
    }
  });

  app.post('/api/checkout/phone', async (c) => {
    const { phone } = await readJsonBody(c, PhoneBody);
    return c.json(await sendVerificationCode(services, c.get('opened'), phone));
  });

  app.post('/api/checkout/code', async (c) => {
    const { code } = await readJsonBody(c, CodeBody);
    return c.json(await verifyCode(services, c.get('opened'), code));
  });

  app.post('/api/checkout/subscribe', async (c) => {
    const card = await readJsonBody(c, CardBody);
    return c.json(await subscribe(services, c.get('opened'), card));
  });

  return app;
}
