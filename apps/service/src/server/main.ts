import { fileURLToPath } from 'node:url';
import { readServiceConfig } from './platform/config/readServiceConfig.ts';
import { startService } from './startService.ts';

// The command-line entry: `pnpm --filter @lava-checkout/service start`.
const appDir = fileURLToPath(new URL('../../', import.meta.url));
let config: ReturnType<typeof readServiceConfig>;
try {
  config = readServiceConfig(process.env, {
    dataDir: `${appDir}.data`,
    pageDir: process.env.LAVA_PAGE_DIR ?? `${appDir}dist/page`,
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const service = await startService({ config });
const { devMerchant } = service;
console.log(
  [
    `Lava Checkout service: ${service.url}`,
    ...(devMerchant
      ? [
          `  test secret key: ${devMerchant.secretKey}`,
          `  "Pro Plan" id:   ${devMerchant.planId}`,
          ...(service.services.outbox ? [`  SMS outbox:      ${service.url}dev/outbox`] : []),
        ]
      : []),
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
