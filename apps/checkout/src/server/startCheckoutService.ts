import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createCheckoutApp } from './createCheckoutApp.ts';
import { getOrCreateSetting } from './db/getOrCreateSetting.ts';
import { openDatabase } from './db/openDatabase.ts';
import { type DevMerchant, ensureDevMerchant } from './merchants/ensureDevMerchant.ts';
import { createTestPaymentProcessor } from './payments/createTestPaymentProcessor.ts';
import { createConsoleSmsProvider } from './sms/createConsoleSmsProvider.ts';

export interface StartCheckoutServiceOptions {
  /** @default 4001 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Folder for the database file and the development merchant's key. */
  dataDir: string;
  /** Folder of the built page (`index.html` and `assets/`). */
  pageDir: string;
  /** Development merchant's key; generated and kept in `dataDir` when absent. */
  secretKey?: string | undefined;
  /** Clock; for tests. @default () => new Date() */
  now?: () => Date;
  /** Where SMS lines are printed. @default console.log */
  log?: (line: string) => void;
}

export interface CheckoutService {
  /** Base URL, ending in `/`: what tokens carry as `base`. */
  url: string;
  devMerchant: DevMerchant;
  close(): Promise<void>;
}

/**
 * Starts the checkout service on the embedded database in `dataDir`, with the development
 * defaults: the console SMS provider with its outbox, the test payment processor and the
 * test merchant with the seeds' plan.
 */
export async function startCheckoutService(
  options: StartCheckoutServiceOptions,
): Promise<CheckoutService> {
  const indexFile = join(options.pageDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(
      `Lava Checkout: the checkout page is not built (${indexFile} is missing). Run "pnpm --filter @lava-checkout/checkout-app build" first.`,
    );
  }
  const now = options.now ?? (() => new Date());
  const db = await openDatabase(join(options.dataDir, 'checkout.sqlite'));
  const devMerchant = await ensureDevMerchant(db, {
    dataDir: options.dataDir,
    secretKey: options.secretKey,
    now: now(),
  });
  const otpKey = Buffer.from(
    await getOrCreateSetting(db, 'otp_hmac_key', () => randomBytes(32).toString('base64url')),
    'base64url',
  );
  const sms = createConsoleSmsProvider({ now, ...(options.log ? { log: options.log } : {}) });
  const app = createCheckoutApp({
    db,
    sms,
    outbox: sms.outbox,
    payments: createTestPaymentProcessor(),
    otpKey,
    now,
    pageTemplate: readFileSync(indexFile, 'utf8'),
    assetsDir: join(options.pageDir, 'assets'),
  });

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 4001, hostname: host }, () =>
      resolve(started),
    );
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    devMerchant,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      // Keep-alive sockets would hold close() open until they time out. Cutting a request
      // rolls back its open transaction; one cut between a charge and its commit leaves the
      // session claimed, so the card is not charged again (see subscribe()).
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await db.destroy();
    },
  };
}
