import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createMerchant } from './merchants/createMerchant.ts';
import { DEFAULT_GRACE_MS, rotateSecretKey } from './merchants/rotateSecretKey.ts';
import { setBrandFromArgs } from './merchants/setBrandFromArgs.ts';
import { openConfiguredDatabase } from './platform/db/openConfiguredDatabase.ts';

// The keys command: `pnpm --filter @lava-checkout/service keys <create|rotate|brand> ...`.
// It works on the database the service uses: DATABASE_URL, else the embedded file in
// LAVA_DATA_DIR (by default the app's .data folder).
const USAGE = `Usage:
  keys create --name "<merchant name>" [--live]
      Creates a merchant and its secret key (a test key unless --live).
  keys rotate --merchant <mer_...> [--grace-hours <hours>]
      Gives the merchant a new secret key; the current ones keep working for the grace
      period (default ${DEFAULT_GRACE_MS / 3_600_000} hours), and the checkout sessions the service saw before then open until they expire.
  keys brand --merchant <mer_...> [--name "<display name>"] [--logo <url>]
             [--support-email <address>] [--terms <url>] [--privacy <url>]
      Sets what the merchant's checkout shows (an empty value clears one); with no other
      option, prints it. Links are https: (http: too for a test merchant).`;

const fail = (message: string): never => {
  console.error(`Lava Checkout: ${message}\n\n${USAGE}`);
  process.exit(2);
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    live: { type: 'boolean', default: false },
    merchant: { type: 'string' },
    'grace-hours': { type: 'string' },
    logo: { type: 'string' },
    'support-email': { type: 'string' },
    terms: { type: 'string' },
    privacy: { type: 'string' },
  },
});
const command = positionals[0];
if (command !== 'create' && command !== 'rotate' && command !== 'brand') {
  fail('name a command: create, rotate or brand.');
}
const appDir = fileURLToPath(new URL('../../', import.meta.url));
const { db } = await openConfiguredDatabase({
  databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
  dataDir: process.env.LAVA_DATA_DIR?.trim() || `${appDir}.data`,
});
try {
  if (command === 'create') {
    const name = values.name?.trim() || fail('create needs --name "<merchant name>".');
    const created = await createMerchant(db, {
      name,
      environment: values.live ? 'live' : 'test',
      now: new Date(),
    });
    console.log(
      [
        `Merchant ${created.merchantId} ("${name}") created.`,
        `Secret key: ${created.secretKey}`,
        'It is shown only this once: keep it in your server as LAVA_SECRET_KEY.',
      ].join('\n'),
    );
  } else if (command === 'brand') {
    const merchantId = values.merchant ?? fail('brand needs --merchant <mer_...>.');
    const brand = await setBrandFromArgs(db, merchantId, values);
    if (!brand.ok) fail(brand.message);
    else console.log(JSON.stringify(brand.merchant, null, 2));
  } else {
    const merchantId = values.merchant ?? fail('rotate needs --merchant <mer_...>.');
    const hours = Number(values['grace-hours'] ?? DEFAULT_GRACE_MS / 3_600_000);
    if (!Number.isFinite(hours) || hours < 0) fail('--grace-hours must be 0 or more.');
    const rotated = await rotateSecretKey(db, {
      merchantId,
      graceMs: hours * 3_600_000,
      now: new Date(),
    });
    console.log(
      [
        `New secret key for ${merchantId}: ${rotated.secretKey}`,
        'It is shown only this once: put it in your servers as LAVA_SECRET_KEY.',
        `The previous keys stop working at ${rotated.oldKeysStopAt}.`,
      ].join('\n'),
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await db.destroy();
}
