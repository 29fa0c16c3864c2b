import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCheckoutSession } from '@lava-checkout/server';

const DIST = fileURLToPath(new URL('./legacy-merchant/dist/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** Serves the built legacy merchant page and mints sessions for its own origin. */
export async function startLegacyMerchant(options: {
  secretKey: string;
  planId: string;
  checkoutUrl: string;
}): Promise<{ origin: string; close(): Promise<void> }> {
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
    const path = request.url === '/' ? 'index.html' : (request.url ?? '').replace(/^\//, '');
    try {
      const body = readFileSync(new URL(path, `file://${DIST}`));
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
