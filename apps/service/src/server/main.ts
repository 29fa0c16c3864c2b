import { closeOnSignal } from './platform/closeOnSignal.ts';
import { readEntryConfig } from './platform/config/readEntryConfig.ts';
import { startService } from './startService.ts';

// The command-line entry: `pnpm --filter @lava-checkout/service start`.
const service = await startService({ config: readEntryConfig(new URL('../../', import.meta.url)) });
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
closeOnSignal(service);
