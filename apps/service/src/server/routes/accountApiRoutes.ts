import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import {
  AccountBuyRequest,
  type AccountBuyResponse,
  AutoTopUpRequest,
  ChangePlanRequest,
  ReplaceCardRequest,
} from '../../shared/accountContract.ts';
import { balanceChanged } from '../balanceEvents/balanceChanged.ts';
import { createBalanceStreams } from '../balanceEvents/createBalanceStreams.ts';
import { accountBilling } from '../customerSessions/accountBilling.ts';
import { buyBundleFromAccount } from '../customerSessions/buyBundleFromAccount.ts';
import { createCustomerSessionVerifier } from '../customerSessions/createCustomerSessionVerifier.ts';
import { readAccountOverview } from '../customerSessions/readAccountOverview.ts';
import { readAccountSummary } from '../customerSessions/readAccountSummary.ts';
import { replaceCard } from '../customerSessions/replaceCard.ts';
import {
  type CustomerSessionContext,
  verifyCustomerSession,
} from '../customerSessions/verifyCustomerSession.ts';
import { addressLimitKey } from '../platform/http/addressLimitKey.ts';
import { clientIp } from '../platform/http/clientIp.ts';
import { jsonBodyLimit } from '../platform/http/jsonBodyLimit.ts';
import { readJsonBody } from '../platform/http/readJsonBody.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { findActiveSubscription } from '../subscriptions/findActiveSubscription.ts';
import { accountEventsRoute } from './accountEventsRoute.ts';

type Env = { Variables: { account: CustomerSessionContext; ownPage: boolean } };

/**
 * The service's own account page calls from its own origin, which browsers say in
 * `Sec-Fetch-Site` (and, for a change, in `Origin`, which browsers without `Sec-Fetch-Site`
 * send); a merchant's page calls across sites, with its own `Origin`.
 */
const fromOwnPage = (c: Context, ownOrigin: string) =>
  c.req.header('sec-fetch-site') === 'same-origin' || c.req.header('origin') === ownOrigin;

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
 * The account API, `/api/account/*`, for one customer session. A merchant's page calls it to read
 * the balance (`/summary`, `/events`): read-only, for one customer, from one origin. The secret travels in `Authorization: Bearer`, and the
 * request's `Origin` must be the session's: other sites get no answer they may read (CORS is
 * granted to that origin only) and a 403. Refusals that say nothing of the customer (a bad or
 * expired session) are readable by the calling page, so it knows to mint a new one.
 */
/**
 * The hosted account page (served from the service's own origin, framed only by the session's
 * origin) calls the rest: its overview, and the changes, each through the billing use case the
 * merchant's API uses, so the same rules apply and the same webhooks go out. A merchant's page
 * holding the same token can change nothing: those routes answer the service's own page only.
 */
export function accountApiRoutes(services: Services): Hono<Env> {
  const app = new Hono<Env>();
  const verifier = createCustomerSessionVerifier(services.db);
  const ownOrigin = new URL(services.publicUrl).origin;
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
    const ownPage = fromOwnPage(c, ownOrigin);
    c.set('ownPage', ownPage);
    try {
      c.set(
        'account',
        await verifyCustomerSession(
          { db: services.db, verifier },
          bearerSecret(c.req.header('authorization')),
          origin,
          services.now(),
          ownPage,
        ),
      );
    } catch (error) {
      const foreign = error instanceof ServiceError && error.code === 'origin_not_allowed';
      if (origin && !foreign) allowOrigin(c, origin);
      throw error;
    }
    if (!ownPage) allowOrigin(c, c.get('account').claims.origin);
    return next();
  });

  app.get('/summary', async (c) => {
    const { merchantId, customer } = c.get('account');
    return c.json(await readAccountSummary(services.db, merchantId, customer.id));
  });

  /** The account page's own routes: what a merchant's page may not call with the token. */
  const ownPageOnly: MiddlewareHandler<Env> = async (c, next) => {
    if (!c.get('ownPage')) {
      throw new ServiceError(
        'origin_not_allowed',
        'Lava Checkout: a customer session lets your page read the balance, not change the account. Open the account page with openAccount(token) for that.',
      );
    }
    return next();
  };
  const overview = (c: Context<Env>) => {
    const { merchantId, customer } = c.get('account');
    return readAccountOverview(services.db, merchantId, customer.id, services.now());
  };
  /** The customer's active subscription, which every change but a purchase acts on. */
  const subscriptionOf = async (c: Context<Env>) => {
    const { merchantId, customer } = c.get('account');
    const found = await findActiveSubscription(services.db, merchantId, customer.id);
    if (!found) throw new ServiceError('invalid_state', 'You have no active plan to change.');
    return found;
  };
  /** The session's customer, as the billing use cases that change a customer take it. */
  const customerOf = (c: Context<Env>) => {
    const { merchantId, customer } = c.get('account');
    return { merchantId, customerId: customer.id };
  };
  /** After a change: the balance streams read again, and the page gets the new overview. */
  const changed = async (c: Context<Env>) => {
    balanceChanged(services.db, c.get('account').customer.id);
    return c.json(await overview(c));
  };

  app.get('/overview', ownPageOnly, async (c) => c.json(await overview(c)));

  app.post('/bundles/:id/buy', ownPageOnly, async (c) => {
    const request = await readJsonBody(c, AccountBuyRequest);
    const ip = addressLimitKey(clientIp(c, services.trustedProxies), services.production);
    const answer = await buyBundleFromAccount(
      services,
      c.get('account'),
      c.req.param('id'),
      request,
      ip,
    );
    const body: AccountBuyResponse =
      answer.status === 'requires_action'
        ? {
            status: 'requires_action',
            charge: answer.charge,
            client_secret: answer.client_secret,
            purchase: answer.purchase,
          }
        : { status: 'succeeded', overview: await overview(c) };
    return c.json(body);
  });

  app.put('/auto-top-up', ownPageOnly, async (c) => {
    const { bundle_id } = await readJsonBody(c, AutoTopUpRequest);
    await accountBilling.setAutoTopUp(services, { ...customerOf(c), bundleId: bundle_id });
    return changed(c);
  });

  app.post('/plan', ownPageOnly, async (c) => {
    const { plan_id } = await readJsonBody(c, ChangePlanRequest);
    await accountBilling.changePlan(services, { ...customerOf(c), planId: plan_id });
    return changed(c);
  });

  /** A route that changes the customer's active subscription with the use case `change`. */
  const changeSubscription =
    (change: 'scheduleCancellation' | 'clearPendingChange') => async (c: Context<Env>) => {
      const subscription = await subscriptionOf(c);
      await accountBilling[change](services, {
        merchantId: c.get('account').merchantId,
        subscriptionId: subscription.id,
      });
      return changed(c);
    };
  app.post('/cancellation', ownPageOnly, changeSubscription('scheduleCancellation'));
  app.delete('/pending-change', ownPageOnly, changeSubscription('clearPendingChange'));

  app.put('/card', ownPageOnly, async (c) => {
    const { payment_method } = await readJsonBody(c, ReplaceCardRequest);
    await replaceCard(services, c.get('account'), payment_method);
    return changed(c);
  });

  const streams = createBalanceStreams({
    db: services.db,
    now: services.now,
    read: (merchantId, customerId) => readAccountSummary(services.db, merchantId, customerId),
  });
  app.get('/events', accountEventsRoute(streams));

  return app;
}
