import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningService, startService } from '../startService.ts';
import {
  START,
  startTestService,
  type TestService,
  testConfig,
  testPaymentMethod,
  writeTestPage,
} from '../testing/startTestService.ts';
import { createTestPaymentProcessor } from './createTestPaymentProcessor.ts';
import type { PaymentProcessor } from './PaymentProcessor.ts';

const never = new Promise<never>(() => {});

let running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const service of running) await service.close();
  running = [];
});

/**
 * Starts the service on `dataDir` with a processor that does the real thing, then hangs at
 * `hangAfter` as a process killed at that moment would, never answering.
 */
async function startHanging(
  dataDir: string,
  pageDir: string,
  hangAfter: 'createCharge' | 'confirmCharge',
): Promise<{ service: RunningService; processor: PaymentProcessor }> {
  const real = createTestPaymentProcessor({
    ledgerFile: join(dataDir, 'test-processor.sqlite'),
    latencyMs: 1,
    now: () => new Date(START),
  });
  const processor: PaymentProcessor = {
    ...real,
    [hangAfter]: async (...args: never[]) => {
      await (real[hangAfter] as (...a: never[]) => Promise<unknown>)(...args);
      return never;
    },
  };
  const service = await startService({
    config: testConfig({ dataDir, pageDir }),
    parts: { now: () => new Date(START), payments: processor, log: () => {} },
  });
  return { service, processor: real };
}

function rows(dataDir: string, sql: string): Record<string, unknown>[] {
  const db = new Database(join(dataDir, 'checkout.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function charges(dataDir: string): Record<string, unknown>[] {
  const ledger = new Database(join(dataDir, 'test-processor.sqlite'), { readonly: true });
  try {
    return ledger.prepare('select status from charges').all() as Record<string, unknown>[];
  } finally {
    ledger.close();
  }
}

/** Runs phone and code against `service`, then starts a payment that never answers. */
async function payUntilTheCrash(t: TestService, service: RunningService) {
  const { secret } = await t.mint();
  const post = (path: string, body: unknown) =>
    fetch(`${service.url}api/checkout/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    });
  await post('phone', { phone: '+1 415 555 0100' });
  const outbox = (await (await fetch(`${service.url}dev/outbox`)).json()) as {
    data: { body: string }[];
  };
  const code = /\b(\d{6})\b/.exec(outbox.data[0]?.body ?? '')?.[1];
  expect((await post('code', { code })).status).toBe(200);
  void post('subscribe', testPaymentMethod()).catch(() => {});
  // Until the payment is claimed and the processor reached.
  for (let i = 0; i < 200 && rows(t.dataDir, 'select * from payments').length === 0; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return secret;
}

/**
 * Pays on a service that hangs at `hangAfter`, waits until the processor's one charge reads
 * `chargeAtCrash`, stops it there, and starts the service again on the same data folder.
 */
async function crashThenRestart(
  hangAfter: 'createCharge' | 'confirmCharge',
  chargeAtCrash: 'succeeded' | 'unconfirmed',
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lava-recover-'));
  const pageDir = writeTestPage();
  // The first run only gives the test its mint helper: same data folder, same merchant.
  const t = await startTestService({ dataDir });
  await t.close();
  const crashed = await startHanging(dataDir, pageDir, hangAfter);
  const secret = await payUntilTheCrash(t, crashed.service);
  await expect.poll(() => charges(dataDir)).toEqual([{ status: chargeAtCrash }]);
  await crashed.service.close();
  crashed.processor.close?.();

  const restarted = await startTestService({ dataDir });
  running.push(restarted);
  return { dataDir, secret, restarted };
}

describe('recovery, at the start after a crash mid-payment', () => {
  it('completes a session whose charge succeeded before the crash, without charging again', async () => {
    const { dataDir } = await crashThenRestart('confirmCharge', 'succeeded');
    expect(rows(dataDir, 'select status from checkout_sessions')).toEqual([
      { status: 'completed' },
    ]);
    expect(rows(dataDir, 'select status from subscriptions')).toEqual([{ status: 'active' }]);
    expect(rows(dataDir, 'select status from payments')).toEqual([{ status: 'succeeded' }]);
    expect(charges(dataDir)).toEqual([{ status: 'succeeded' }]);
  });

  it('makes a session payable again when the crash came before any money moved', async () => {
    const { dataDir, secret, restarted } = await crashThenRestart('createCharge', 'unconfirmed');
    expect(rows(dataDir, 'select status from checkout_sessions')).toEqual([
      { status: 'phone_verified' },
    ]);
    expect(rows(dataDir, 'select status from payments')).toEqual([{ status: 'failed' }]);
    expect(charges(dataDir)).toEqual([{ status: 'cancelled' }]);

    const again = await restarted.post('subscribe', secret, testPaymentMethod());
    expect(again.status).toBe(200);
    expect(charges(dataDir).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });
});
