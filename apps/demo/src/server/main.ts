import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { brandDemoMerchant } from './brandDemoMerchant.ts';
import { createDemoApp } from './createDemoApp.ts';

// The command-line entry: `pnpm --filter @lava-checkout/demo start`.
const required = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    console.error(
      `Lava Checkout demo: ${name} is not set. Start the demo with "npm run demo", which sets it.`,
    );
    process.exit(1);
  }
  return value;
};

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
const origin = process.env.DEMO_ORIGIN ?? `http://localhost:${port}`;
const secretKey = required('LAVA_SECRET_KEY');
const checkoutUrl = process.env.LAVA_CHECKOUT_URL ?? 'http://127.0.0.1:4001/';
const app = createDemoApp({
  secretKey,
  planId: required('LAVA_PLAN_ID'),
  checkoutUrl,
  origin,
  webDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
});
// The merchant's setup: its checkout shows Acme AI's name, logo and links from the first open.
await brandDemoMerchant({ secretKey, checkoutUrl, origin });
const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
  console.log(`Lava Checkout demo: ${origin}/`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
