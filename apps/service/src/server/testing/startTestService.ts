import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { type CreateCheckoutSessionParams, createCheckoutSession } from '@lava-checkout/server';
import Database from 'better-sqlite3';
import { tokenizeTestCard } from '../../page/payments/tokenizeTestCard.ts';
import type { ServiceParts } from '../composeServices.ts';
import type { ServiceConfig } from '../platform/config/ServiceConfig.ts';
import { type RunningService, startService } from '../startService.ts';
import { createTestResolver } from './createTestResolver.ts';
import { createPostgresDatabase, type Dialect } from './testDatabases.ts';

export const TEST_ORIGIN = 'http://localhost:4000';
export const START = Date.UTC(2026, 10, 22, 12, 0, 0);

/** A page template with the built page's placeholders, standing in for the Vite build. */
export function writeTestPage(): string {
  const pageDir = mkdtempSync(join(tmpdir(), 'lava-page-'));
  mkdirSync(join(pageDir, 'assets'));
  writeFileSync(
    join(pageDir, 'index.html'),
    '<!doctype html><html lang="en"><title>Checkout</title><script id="lava-bootstrap" type="application/json">null</script><div id="root"></div></html>',
  );
  writeFileSync(join(pageDir, 'assets', 'app.js'), 'console.log("page")');
  return pageDir;
}

/** The development configuration, on a free port, for a test. */
export function testConfig(
  paths: { dataDir: string; pageDir: string },
  overrides: Partial<ServiceConfig> = {},
): ServiceConfig {
  return {
    production: false,
    port: 0,
    host: '127.0.0.1',
    publicUrl: undefined,
    databaseUrl: undefined,
    payments: { kind: 'test', latencyMs: 5 },
    sms: { kind: 'console' },
    smsCountries: ['US', 'CA'],
    trustedProxies: 0,
    jobs: true,
    devSecretKey: undefined,
    ...paths,
    ...overrides,
  };
}

/** A test card's payment method, made the way the page makes it. */
export function testPaymentMethod(
  number = '4242 4242 4242 4242',
  expiry = '12 / 34',
  cvc = '123',
): { payment_method: string } {
  const made = tokenizeTestCard({ number, expiry, cvc }, new Date(START));
  if (!made.ok) throw new Error(`not a usable test card: its ${made.field} is wrong`);
  return { payment_method: made.paymentMethod };
}

export interface TestService {
  service: RunningService;
  dataDir: string;
  pageDir: string;
  /** Milliseconds; move it to travel in time. */
  clock: { now: number };
  /** The test merchant of development. */
  devMerchant: NonNullable<RunningService['devMerchant']>;
  /** Mints a session (for the dev merchant's plan unless told); returns its id and secret. */
  mint(
    params?: Partial<CreateCheckoutSessionParams>,
    secretKey?: string,
  ): Promise<{ id: string; secret: string }>;
  /** POSTs JSON to the page API with the session secret as bearer. */
  post(
    path: string,
    secret: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** The newest code texted to `phone`, read from the dev outbox. */
  latestCode(phone?: string): Promise<string>;
  /** Rows of a table, read from the database file by a separate connection. */
  rows(table: string): Record<string, unknown>[];
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the real service (HTTP on loopback, database file in a temp folder) on a test clock. */
export async function startTestService(
  options: {
    dataDir?: string;
    config?: Partial<ServiceConfig>;
    parts?: Partial<ServiceParts>;
    /** The database to run on: a fresh PostgreSQL database, or the embedded file. @default 'sqlite' */
    dialect?: Dialect;
  } = {},
): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lava-data-'));
  const pageDir = writeTestPage();
  const clock = { now: START };
  const databaseUrl =
    options.dialect === 'postgres' ? await createPostgresDatabase() : options.config?.databaseUrl;
  const start = () =>
    startService({
      config: testConfig({ dataDir, pageDir }, { ...options.config, databaseUrl }),
      parts: {
        now: () => new Date(clock.now),
        log: () => {},
        // Tests deliver webhooks when they ask, so nothing runs behind their counts.
        webhookPollMs: 0,
        // No name server here: example.com's names resolve to a public address.
        resolveHost: createTestResolver().resolve,
        ...options.parts,
      },
    });
  let service = await start();
  const devMerchant = () => {
    if (!service.devMerchant) throw new Error('the test service runs without a test merchant');
    return service.devMerchant;
  };

  const test: TestService = {
    get service() {
      return service;
    },
    get devMerchant() {
      return devMerchant();
    },
    dataDir,
    pageDir,
    clock,
    async mint(params = {}, secretKey = devMerchant().secretKey) {
      // A credit bundle session takes its plan from the bundle.
      const plan =
        params.checkout_mode === 'credit_bundle' || params.plan_id !== undefined
          ? {}
          : { plan_id: devMerchant().planId };
      const session = await createCheckoutSession(
        { checkout_mode: 'subscription', origin_url: TEST_ORIGIN, ...plan, ...params },
        {
          secretKey,
          checkoutUrl: service.url,
          now: () => clock.now,
        },
      );
      const decoded = decodeCheckoutToken(session.checkout_session_token);
      if (!decoded.ok) throw new Error(decoded.message);
      return { id: session.checkout_session_id, secret: decoded.token.secret };
    },
    post: (path, secret, body, headers = {}) =>
      fetch(`${service.url}api/checkout/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${secret}`,
          ...headers,
        },
        body: JSON.stringify(body),
      }),
    async latestCode(phone = '+14155550100') {
      const { data } = (await (await fetch(`${service.url}dev/outbox`)).json()) as {
        data: { to: string; body: string }[];
      };
      const message = data.find((entry) => entry.to === phone);
      const code = message && /\b(\d{6})\b/.exec(message.body)?.[1];
      if (!code) throw new Error(`no code was texted to ${phone}`);
      return code;
    },
    rows(table) {
      if (databaseUrl)
        throw new Error('rows() reads the embedded database; query t.service.services.db');
      const db = new Database(join(dataDir, 'checkout.sqlite'), { readonly: true });
      try {
        return db.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async restart() {
      await service.close();
      service = await start();
    },
    close: () => service.close(),
  };
  return test;
}
