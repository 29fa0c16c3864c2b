import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AccountBootstrap } from '../../shared/accountContract.ts';
import { createCustomerSessionVerifier } from '../customerSessions/createCustomerSessionVerifier.ts';
import { readAccountOverview } from '../customerSessions/readAccountOverview.ts';
import { verifyCustomerSession } from '../customerSessions/verifyCustomerSession.ts';
import { toPageMerchant } from '../merchants/toPageMerchant.ts';
import { checkoutPageCsp } from '../platform/http/checkoutPageCsp.ts';
import { renderAccountPage } from '../platform/http/renderAccountPage.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';

const STATUS = { active: 200, invalid: 404, expired: 410 } as const;

/**
 * Mounted at `/embed/account`, `GET /:secret`: the hosted account page for a customer session,
 * with everything it shows inlined, framed only by the session's origin. A session that cannot
 * be read (not one, a checkout's, past its hour) gets the page's screen saying so.
 */
export function accountPageRoutes(services: Services): Hono {
  const app = new Hono();
  const verifier = createCustomerSessionVerifier(services.db);
  let template: string | null = null;
  const readTemplate = () => {
    const file = join(dirname(services.assetsDir), 'account.html');
    if (template === null && !existsSync(file)) {
      throw new Error(
        `Lava Checkout: the account page is not built (${file} is missing). Run "pnpm --filter @lava-checkout/service build" first.`,
      );
    }
    template ??= readFileSync(file, 'utf8');
    return template;
  };

  app.get('/:secret', async (c) => {
    let bootstrap: AccountBootstrap;
    let logoUrl: string | null = null;
    try {
      // The page is the service's own: framing, not an Origin header, binds it to the session's
      // origin (frame-ancestors below).
      const account = await verifyCustomerSession(
        { db: services.db, verifier },
        c.req.param('secret'),
        undefined,
        services.now(),
        true,
      );
      const { merchantId, customer, claims } = account;
      const merchant = await services.db
        .selectFrom('merchants')
        .select(['name', 'environment', 'logo_url', 'terms_url', 'privacy_url', 'support_email'])
        .where('id', '=', merchantId)
        .executeTakeFirstOrThrow();
      logoUrl = merchant.logo_url;
      bootstrap = {
        status: 'active',
        originUrl: claims.origin,
        testMode: merchant.environment === 'test',
        processor: services.payments.page,
        merchant: toPageMerchant(merchant),
        overview: await readAccountOverview(services.db, merchantId, customer.id, services.now()),
        expiresInMs: Math.max(0, claims.exp * 1000 - services.now().getTime()),
      };
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      bootstrap = {
        status: error.code === 'customer_session_expired' ? 'expired' : 'invalid',
        originUrl: null,
      };
    }
    c.header(
      'Content-Security-Policy',
      checkoutPageCsp(
        bootstrap.status === 'active' ? bootstrap.originUrl : null,
        services.payments.page.kind,
        logoUrl,
      ),
    );
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', 'no-store');
    return c.html(renderAccountPage(readTemplate(), bootstrap), STATUS[bootstrap.status]);
  });
  return app;
}
