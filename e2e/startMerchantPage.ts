import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { createCheckoutSession } from '@lava-checkout/server';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/**
 * Serves a merchant page built by buildMerchantPage (its dist/ folder) on loopback, and mints
 * sessions for the page's own origin at `POST /token`, answered as `{ token }`.
 */
export async function startMerchantPage(
  dist: string,
  options: { secretKey: string; planId: string; checkoutUrl: string },
): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = '';
  const server = createServer(async (request, response) => {
    if (request.method === 'POST' && request.url === '/token') {
      const session = await createCheckoutSession(
        { checkout_mode: 'subscription', origin_url: origin, plan_id: options.planId },
        { secretKey: options.secretKey, checkoutUrl: options.checkoutUrl },
      );
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token: session.checkout_session_token }));
      return;
    }
    // A page's address may carry a query (bench/open's names the checkout's origin).
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const path = pathname === '/' ? 'index.html' : pathname.slice(1);
    try {
      const body = readFileSync(join(dist, path));
      response.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
