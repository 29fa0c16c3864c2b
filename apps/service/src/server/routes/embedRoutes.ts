import { Hono } from 'hono';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PageBootstrap } from '../../shared/PageBootstrap.ts';
import { SESSION_IDLE_MS } from '../checkoutSessions/limits.ts';
import {
  type OpenedSession,
  openCheckoutSession,
} from '../checkoutSessions/openCheckoutSession.ts';
import { findBundleBuyer, toCardOnFile } from '../credits/findBundleBuyer.ts';
import { findReturningCustomer } from '../customers/findReturningCustomer.ts';
import { toPageMerchant } from '../merchants/toPageMerchant.ts';
import { checkoutPageCsp } from '../platform/http/checkoutPageCsp.ts';
import { pageStyleHashes } from '../platform/http/pageStyleHashes.ts';
import { renderCheckoutPage } from '../platform/http/renderCheckoutPage.ts';
import { renderFirstStep } from '../platform/http/renderFirstStep.tsx';
import { formatMoney } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { addBillingInterval } from '../subscriptions/addBillingInterval.ts';
import { phoneMetadataFor } from '../verification/phoneMetadataFor.ts';
import { smsCountriesOf } from '../verification/smsCountriesOf.ts';

const STATUS = { active: 200, invalid: 404, expired: 410, idle: 410, completed: 409 } as const;

async function toBootstrap(services: Services, opened: OpenedSession): Promise<PageBootstrap> {
  switch (opened.status) {
    case 'invalid':
      return { status: 'invalid' };
    case 'expired':
    case 'idle':
    case 'completed': {
      // The screen's way back names the merchant, as the flow's does.
      const merchant = await services.db
        .selectFrom('merchants')
        .select('name')
        .where('id', '=', opened.merchantId)
        .executeTakeFirst();
      return {
        status: opened.status,
        checkoutSessionId: opened.claims.sid,
        originUrl: opened.claims.origin,
        mode: opened.claims.mode,
        merchantName: merchant?.name ?? null,
      };
    }
    case 'active': {
      const { session, plan, merchant, meters, claims, bundle } = opened;
      const now = services.now();
      const codeLive =
        session.status === 'open' &&
        session.code_hash !== null &&
        session.code_expires_at !== null &&
        session.code_expires_at > now.toISOString();
      const returning = claims.customer
        ? await findReturningCustomer(services.db, merchant.id, claims.customer)
        : null;
      // A bundle is sold to a subscriber of its plan; once verified, they may pay with its card.
      const buyer =
        bundle && claims.customer !== undefined
          ? await findBundleBuyer(services.db, claims.customer, plan.id)
          : null;
      if (bundle && !buyer) return { status: 'invalid' };
      const lastMoved = Date.parse(session.updated_at ?? session.created_at);
      return {
        status: 'active',
        checkoutSessionId: session.id,
        originUrl: session.origin_url,
        testMode: merchant.environment === 'test',
        processor: services.payments.page,
        merchant: toPageMerchant(merchant),
        offer: bundle
          ? {
              kind: 'credit_bundle',
              bundleName: bundle.name,
              price: formatMoney(bundle.cost),
              credits: formatMoney(bundle.credit_amount),
              planName: plan.name,
            }
          : {
              kind: 'subscription',
              planName: plan.name,
              price: plan.period_amount,
              billingInterval: plan.billing_interval,
              includedCredit: plan.included_credit,
              meters,
              renewsAt: addBillingInterval(now, plan.billing_interval).toISOString(),
            },
        returning: returning && { phoneLast4: returning.phone?.slice(-4) ?? '' },
        phoneInput: returning
          ? null
          : phoneInputFor(smsCountriesOf(merchant, services.smsCountries)),
        step: session.status !== 'open' ? 'payment' : codeLive ? 'code' : 'phone',
        // A returning customer's number stays on file: the page shows its last digits only.
        phone: codeLive && session.phone ? readablePhone(session.phone, returning !== null) : null,
        cardOnFile: session.status !== 'open' ? toCardOnFile(buyer?.card ?? null) : null,
        idleAfterMs: SESSION_IDLE_MS,
        idleInMs: Math.max(0, lastMoved + SESSION_IDLE_MS - now.getTime()),
        expiresInMs: Math.max(0, claims.exp * 1000 - now.getTime()),
      };
    }
    default:
      return opened satisfies never;
  }
}

/** The phone field's countries (those libphonenumber-js knows) and their numbering plans. */
const phoneInputFor = (countries: readonly string[]) => {
  const metadata = phoneMetadataFor(countries);
  return { countries: countries.filter((country) => country in metadata.countries), metadata };
};

/** A number the code went to, as the customer should read it. */
const readablePhone = (phone: string, returning: boolean) =>
  returning
    ? `•••• ${phone.slice(-4)}`
    : (parsePhoneNumberFromString(phone)?.formatInternational() ?? phone);

/**
 * Mounted at `/embed`, `GET /checkout/:secret`: the hosted page with its first step rendered, or
 * the screen that says why it cannot be used. The language follows `Accept-Language`, so it
 * varies.
 *
 * With `standalone`, mounted at `/checkout`, `GET /:secret`: the same page on its own, for a
 * link (the MCP server's `payment_required`): it waits for no SDK handshake, posts to no
 * parent, keeps its success screen, and may not be framed by anyone.
 */
export function embedRoutes(services: Services, { standalone = false } = {}): Hono {
  const app = new Hono();
  app.get(standalone ? '/:secret' : '/checkout/:secret', async (c) => {
    const opened = await openCheckoutSession(services, c.req.param('secret'), services.now());
    const bootstrap = {
      ...(await toBootstrap(services, opened)),
      ...(standalone ? { standalone } : {}),
    };
    // `?locale=` is the SDK's locale option; a tag longer than any real one is ignored.
    const locale = c.req.query('locale');
    const first = renderFirstStep(
      bootstrap,
      c.req.header('accept-language'),
      locale && locale.length <= 35 ? locale : null,
    );
    const html = renderCheckoutPage(services.pageTemplate, bootstrap, first);
    c.header(
      'Content-Security-Policy',
      checkoutPageCsp(
        standalone ? "'none'" : opened.status === 'invalid' ? null : opened.claims.origin,
        services.payments.page.kind,
        bootstrap.status === 'active' ? bootstrap.merchant.logoUrl : null,
        pageStyleHashes(services.pageTemplate),
      ),
    );
    // Merchants whose pages require CORP of what they embed (COEP) can still frame it.
    if (!standalone) c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Vary', 'Accept-Language');
    return c.html(html, STATUS[bootstrap.status]);
  });
  return app;
}
