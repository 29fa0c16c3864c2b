import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { type Context, Hono } from 'hono';
import { createBalanceStreams } from '../balanceEvents/createBalanceStreams.ts';
import { createCustomerSessionVerifier } from '../customerSessions/createCustomerSessionVerifier.ts';
import { readAccountSummary } from '../customerSessions/readAccountSummary.ts';
import {
  type CustomerSessionContext,
  verifyCustomerSession,
} from '../customerSessions/verifyCustomerSession.ts';
import { jsonBodyLimit } from '../platform/http/jsonBodyLimit.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { accountEventsRoute } from './accountEventsRoute.ts';

type Env = { Variables: { account: CustomerSessionContext } };

/** The session secret of `Authorization: Bearer <secret or customer_session_token>`. */
function bearerSecret(authorization: string | undefined): string | undefined {
  const value = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (value === undefined || value.startsWith('lcs_')) return value;
  // The whole token is accepted too: it is base64 JSON that carries the secret.
  const decoded = decodeCheckoutToken(value);
  return decoded.ok ? decoded.token.secret : value;
}

const allowOrigin = (c: Context, origin: string) => {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Vary', 'Origin');
};

/**
 * The account API a merchant's page calls with a customer session, `/api/account/*`: read-only,
 * for one customer, from one origin. The secret travels in `Authorization: Bearer`, and the
 * request's `Origin` must be the session's: other sites get no answer they may read (CORS is
 * granted to that origin only) and a 403. Refusals that say nothing of the customer (a bad or
 * expired session) are readable by the calling page, so it knows to mint a new one.
 */
export function accountApiRoutes(services: Services): Hono<Env> {
  const app = new Hono<Env>();
  const verifier = createCustomerSessionVerifier(services.db);
  app.use('*', jsonBodyLimit());

  // The browser asks before it sends `Authorization` across sites; what it may then read is
  // decided on the request itself, once the session names its origin.
  app.options('*', (c) => {
    const origin = c.req.header('origin');
    if (origin) {
      allowOrigin(c, origin);
      c.header('Access-Control-Allow-Methods', 'GET');
      c.header('Access-Control-Allow-Headers', 'Authorization');
      c.header('Access-Control-Max-Age', '600');
    }
    return c.body(null, 204);
  });

  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    try {
      c.set(
        'account',
        await verifyCustomerSession(
          { db: services.db, verifier },
          bearerSecret(c.req.header('authorization')),
          origin,
          services.now(),
        ),
      );
    } catch (error) {
      const foreign = error instanceof ServiceError && error.code === 'origin_not_allowed';
      if (origin && !foreign) allowOrigin(c, origin);
      throw error;
    }
    allowOrigin(c, c.get('account').claims.origin);
    return next();
  });

  app.get('/summary', async (c) => {
    const { merchantId, customer } = c.get('account');
    return c.json(await readAccountSummary(services.db, merchantId, customer.id));
  });

  const streams = createBalanceStreams({
    db: services.db,
    now: services.now,
    read: (merchantId, customerId) => readAccountSummary(services.db, merchantId, customerId),
  });
  app.get('/events', accountEventsRoute(streams));

  return app;
}
