import { fileURLToPath } from 'node:url';
import { startStack } from './startStack.ts';

// `npm run demo`: the checkout service and the demo merchant, on two origins.
const stack = await startStack({
  checkoutPort: Number(process.env.CHECKOUT_PORT ?? 4001),
  demoPort: Number(process.env.DEMO_PORT ?? 4000),
  dataDir:
    process.env.LAVA_DATA_DIR ?? fileURLToPath(new URL('../apps/service/.data', import.meta.url)),
});
console.log(
  [
    '',
    'Lava Checkout is running:',
    `  demo (the merchant):  ${stack.demoOrigin}/`,
    `  checkout service:     ${stack.checkoutUrl}`,
    `  SMS codes:            ${stack.checkoutUrl}dev/outbox (and printed here)`,
    '  test card:            4242 4242 4242 4242, any future date, any 3-digit CVC',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stack.stop().then(() => process.exit(0));
  });
}
