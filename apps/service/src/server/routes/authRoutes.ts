import { Hono } from 'hono';
import { z } from 'zod';
import { readMerchantBody } from '../platform/http/readMerchantInput.ts';
import type { Services } from '../Services.ts';
import { exchangeAuthCode } from '../signIn/exchangeAuthCode.ts';

/**
 * `POST /v1/auth/callback {code}`: the one-time code exchange (`Lava.exchangeAuthCode` of the
 * published SDK). It takes no secret key: the code is the credential. Mounted before the merchant
 * API, whose middleware asks every other `/v1` call for a secret key.
 */
export function authRoutes(services: Services): Hono {
  const app = new Hono();
  app.post('/callback', async (c) => {
    const body = await readMerchantBody(c, z.strictObject({ code: z.string().min(1).max(200) }));
    return c.json(await exchangeAuthCode(services.db, body.code, services.now()));
  });
  return app;
}
