import { fileURLToPath } from 'node:url';
import { startCheckoutService } from './startCheckoutService.ts';

// The command-line entry: `pnpm --filter @lava-checkout/checkout-app start`.
if (process.env.NODE_ENV === 'production') {
  console.error(
    'Lava Checkout: this service has only development parts so far (console SMS, test card processor, test merchant). Unset NODE_ENV=production to run it for development.',
  );
  process.exit(1);
}
const appDir = fileURLToPath(new URL('../../', import.meta.url));
const service = await startCheckoutService({
  port: Number(process.env.PORT ?? 4001),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: process.env.LAVA_DATA_DIR ?? `${appDir}.data`,
  pageDir: `${appDir}dist/page`,
  secretKey: process.env.LAVA_SECRET_KEY || undefined,
});
const { devMerchant } = service;
console.log(
  [
    `Lava Checkout service: ${service.url}`,
    `  test secret key: ${devMerchant.secretKey}`,
    `  "Pro Plan" id:   ${devMerchant.planId}`,
    `  SMS outbox:      ${service.url}dev/outbox`,
  ].join('\n'),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
