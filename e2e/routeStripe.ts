import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';

const STAND_IN = new URL('./stripe-stand-in/', import.meta.url);
const FILES: Record<string, { file: string; contentType: string }> = {
  '/stand-in/element.html': { file: 'element.html', contentType: 'text/html; charset=utf-8' },
  '/stand-in/element.js': { file: 'element.js', contentType: 'text/javascript' },
};

/**
 * Stripe, for a browser on this machine (which cannot reach it): js.stripe.com serves the
 * Stripe.js stand-in (any `stripe.js` path, so the version @stripe/stripe-js asks for does not
 * matter) and its card frames; api.stripe.com and hooks.stripe.com go to the local fake.
 */
export async function routeStripe(context: BrowserContext, fakeStripeUrl: string): Promise<void> {
  await context.route('https://js.stripe.com/**', async (route) => {
    const { pathname } = new URL(route.request().url());
    const served = pathname.endsWith('/stripe.js')
      ? { file: 'stripe.js', contentType: 'text/javascript' }
      : FILES[pathname];
    if (!served) {
      await route.fulfill({ status: 404, body: 'not in the stand-in' });
      return;
    }
    await route.fulfill({
      status: 200,
      contentType: served.contentType,
      headers: { 'access-control-allow-origin': '*' },
      body: readFileSync(new URL(served.file, STAND_IN), 'utf8'),
    });
  });
  await context.route(/^https:\/\/(api|hooks)\.stripe\.com\//, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${fakeStripeUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
}
