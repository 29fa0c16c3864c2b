import { serveStatic } from '@hono/node-server/serve-static';
import { createCheckoutSession } from '@lava-checkout/server';
import { Hono } from 'hono';

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
 * The demo merchant's backend: mints a checkout session for the browser, and confirms the
 * customer id that `onSuccess` reported with the checkout service's REST API before
 * showing it as subscribed.
 */
export function createDemoApp(config: DemoConfig): Hono {
  const app = new Hono();

  app.post('/api/checkout/create-session', async (c) => {
    const session = await createCheckoutSession(
      { checkout_mode: 'subscription', origin_url: config.origin, plan_id: config.planId },
      { secretKey: config.secretKey, checkoutUrl: config.checkoutUrl },
    );
    return c.json({ checkoutSessionToken: session.checkout_session_token });
  });

  app.get('/api/customers/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^con_(test_|live_)?[0-9A-Z]{26}$/.test(id)) {
      return c.json({ error: { code: 'invalid_customer_id', message: 'Not a customer id.' } }, 400);
    }
    const response = await fetch(new URL(`v1/customers/${id}`, config.checkoutUrl), {
      headers: { authorization: `Bearer ${config.secretKey}` },
    });
    const body = (await response.json()) as {
      subscription?: { name: string; status: string } | null;
    };
    if (!response.ok) return c.json(body, response.status === 404 ? 404 : 502);
    return c.json({ customerId: id, subscription: body.subscription ?? null });
  });

  app.use('/*', serveStatic({ root: config.webDir }));
  return app;
}
