import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { CHECKOUT_SESSION_ID_PATTERN } from '@lava-checkout/protocol';
import { createCheckoutSession, createCustomerSession } from '@lava-checkout/server';
import { type Context, Hono } from 'hono';
import { ACME_LOGO_SVG } from './ACME_LOGO_SVG.ts';
import { renderScriptTagPage } from './renderScriptTagPage.ts';

export interface DemoConfig {
  /** The merchant's Lava secret key: server-side only. */
  secretKey: string;
  /** The plan the Subscribe button sells. */
  planId: string;
  /** Base URL of the checkout service, e.g. `http://127.0.0.1:4001/`. */
  checkoutUrl: string;
  /** This demo's own origin, e.g. `http://localhost:4000`: the session's origin_url. */
  origin: string;
  /** Folder of the built page. */
  webDir: string;
}

/**
 * The demo merchant's backend. It mints checkout sessions and remembers their ids (a real
 * app stores them on the user). When the page reports success, it asks the checkout service
 * which customer that session completed for, and trusts that answer, not the browser's.
 */
export function createDemoApp(config: DemoConfig): Hono {
  const app = new Hono();
  const minted = new Set<string>();
  // The demo has one visitor and no sign-in: the customer is the one its last checkout
  // confirmed. A real app keeps the customer id on its signed-in user.
  let customerId: string | null = null;
  const lava = (path: string) =>
    fetch(new URL(`v1/${path}`, config.checkoutUrl), {
      headers: { authorization: `Bearer ${config.secretKey}` },
    });

  const mint = async () => {
    const session = await createCheckoutSession(
      { checkout_mode: 'subscription', origin_url: config.origin, plan_id: config.planId },
      { secretKey: config.secretKey, checkoutUrl: config.checkoutUrl },
    );
    minted.add(session.checkout_session_id);
    return session.checkout_session_token;
  };
  app.post('/api/checkout/create-session', async (c) =>
    c.json({ checkoutSessionToken: await mint() }),
  );
  // What a <button data-lava-checkout> POSTs to: createCheckoutSession()'s field name.
  app.post('/api/checkout-session', async (c) => c.json({ checkout_session_token: await mint() }));

  // The script-tag pages. The tag is pinned by the hash of the file the checkout service
  // serves (a real site pastes it from the docs), and the page's CSP is the one a merchant
  // adds: the checkout origin for scripts and frames, nothing inline.
  const checkoutOrigin = new URL(config.checkoutUrl).origin;
  const integrity = () =>
    `sha384-${createHash('sha384')
      .update(
        readFileSync(createRequire(import.meta.url).resolve('@lava-checkout/js/lava-checkout.js')),
      )
      .digest('base64')}`;
  for (const [path, hostile] of [
    ['/script-tag.html', false],
    ['/hostile.html', true],
  ] as const) {
    app.get(path, (c) => {
      c.header(
        'Content-Security-Policy',
        `default-src 'self'; script-src 'self' ${checkoutOrigin}; connect-src 'self' ${checkoutOrigin}; frame-src ${checkoutOrigin}; style-src 'self'; img-src 'self' data:; base-uri 'none'; object-src 'none'`,
      );
      return c.html(
        renderScriptTagPage({ checkoutUrl: config.checkoutUrl, integrity: integrity(), hostile }),
      );
    });
  }

  app.post('/api/checkout/confirm', async (c) => {
    const { checkoutSessionId } = (await c.req.json().catch(() => ({}))) as {
      checkoutSessionId?: unknown;
    };
    if (
      typeof checkoutSessionId !== 'string' ||
      !CHECKOUT_SESSION_ID_PATTERN.test(checkoutSessionId) ||
      !minted.has(checkoutSessionId)
    ) {
      return c.json(
        { error: { code: 'unknown_session', message: 'This app did not start that checkout.' } },
        404,
      );
    }
    const session = (await (await lava(`checkout_sessions/${checkoutSessionId}`)).json()) as {
      customer_id?: string | null;
    };
    if (!session.customer_id) {
      return c.json(
        { error: { code: 'not_completed', message: 'That checkout has not completed.' } },
        409,
      );
    }
    const customer = (await (await lava(`customers/${session.customer_id}`)).json()) as {
      subscription?: { name: string; status: string } | null;
    };
    customerId = session.customer_id;
    return c.json({ customerId: session.customer_id, subscription: customer.subscription ?? null });
  });

  // A customer session for the signed-in customer, so the page shows their live balance:
  // what useLavaBalance's token comes from, and what <span data-lava-balance> POSTs to.
  app.post('/api/customer-session', async (c) => {
    // Nobody has subscribed yet: no customer, so no balance (the badge shows nothing).
    if (!customerId) return c.json({ customer_session_token: null });
    const session = await createCustomerSession(
      { customer_id: customerId, origin_url: config.origin },
      { secretKey: config.secretKey, checkoutUrl: config.checkoutUrl },
    );
    return c.json({ customer_session_token: session.customer_session_token });
  });

  // What the brand links to: the logo the checkout shows, and the merchant's own pages.
  app.get('/acme-logo.svg', (c) => {
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(ACME_LOGO_SVG);
  });
  for (const [path, title] of [
    ['/terms', 'Terms of service'],
    ['/privacy', 'Privacy policy'],
  ] as const) {
    app.get(path, (c) =>
      c.html(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Acme AI · ${title}</title><h1>${title}</h1><p>The demo merchant's ${title.toLowerCase()} would be here.</p></html>`,
      ),
    );
  }

  // The React page learns which checkout service to trust from this server's configuration, as
  // a merchant's app knows its own (from its build's settings, say), never from a token.
  const pricingPage = (c: Context) =>
    c.html(
      readFileSync(join(config.webDir, 'index.html'), 'utf8').replace(
        '</head>',
        `  <meta name="lava-checkout-origin" content="${checkoutOrigin}" />\n  </head>`,
      ),
    );
  app.get('/', pricingPage);
  app.get('/index.html', pricingPage);
  app.use('/*', serveStatic({ root: config.webDir }));
  return app;
}
