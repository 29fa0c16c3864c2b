// The seeds' "Bill Your Customers" guide, Steps 1, 2, 3 and 5 (billYourCustomers.ts), run
// against your own checkout service: seed-flow.ts with this repository's client,
// seed-flow.published.ts with the published @lavapayments/nodejs SDK. The two files differ
// only in their import line.
// With the development service running (npm run demo prints its test key):
//
//   LAVA_SECRET_KEY=aks_test_... npx tsx --conditions=@lava-checkout/source examples/seed-flow.ts
//   LAVA_SECRET_KEY=aks_test_... npx tsx examples/seed-flow.published.ts

import { pathToFileURL } from 'node:url';
import { Lava } from '@lavapayments/nodejs';
import { billYourCustomers } from './billYourCustomers.ts';

export const seedFlow = () => billYourCustomers(Lava);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await seedFlow();
}
