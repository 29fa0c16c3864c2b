import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { codeFrom, mintFor, pageCall } from '../testing/checkoutOverHttp.ts';
import { querySqliteFile } from '../testing/querySqliteFile.ts';
import { type ServiceProcess, spawnService } from '../testing/spawnService.ts';
import { testPaymentMethod, writeTestPage } from '../testing/startTestService.ts';
import { subscribeWebhook } from '../testing/subscribeWebhook.ts';
import { startWebhookReceiver } from '../testing/webhookReceiver.ts';

const WORKER = fileURLToPath(new URL('../testing/workerProcess.ts', import.meta.url));
/** The command-line entry a merchant runs (`pnpm worker`), configured from the environment. */
const WORKER_ENTRY = fileURLToPath(new URL('../worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

const services: ServiceProcess[] = [];
const workers: ChildProcess[] = [];
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  for (const service of services.splice(0)) await service.kill();
  for (const worker of workers.splice(0)) {
    if (worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGKILL');
      await exited;
    }
  }
  await receiver?.close();
});

/**
 * The worker in a process of its own, resolving once its jobs run: the test entry configured
 * as `testConfig` is, or (`{ entry: 'command' }`) the command-line entry, from `env`.
 */
function spawnWorker(
  config: Record<string, unknown>,
  how: { entry: 'test' } | { entry: 'command'; env: Record<string, string> } = { entry: 'test' },
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@lava-checkout/source',
      '--import',
      'tsx',
      how.entry === 'test' ? WORKER : WORKER_ENTRY,
    ],
    {
      cwd: ROOT,
      env:
        how.entry === 'test'
          ? { ...process.env, LAVA_TEST_SERVICE: JSON.stringify(config) }
          : { ...process.env, ...how.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const ready = how.entry === 'test' ? 'ready\n' : 'Lava Checkout worker: running';
  workers.push(child);
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(ready)) resolve(child);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}): ${seen}`)));
  });
}

/** Waits for `ready()` to hold, looking again as soon as the event loop is free. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the periodic jobs in a worker process, beside an HTTP server with LAVA_JOBS=off', () => {
  it('the worker alone delivers the webhooks and recovers a payment the server left in flight', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    const file = join(dataDir, 'checkout.sqlite');
    const config = {
      dataDir,
      pageDir: writeTestPage(),
      // Processor calls take long enough for the server to die during one.
      payments: { kind: 'test' as const, latencyMs: 300 },
    };
    const server = await spawnService({ ...config, jobs: false });
    services.push(server);
    const { secretKey, planId } = server.devMerchant;
    receiver = await startWebhookReceiver();
    await subscribeWebhook(server.url, secretKey, receiver.url);
    const verified = async (phone: string, ip: string) => {
      const secret = await mintFor(server.url, secretKey, planId);
      expect((await pageCall(server.url, 'phone', secret, { phone }, ip)).status).toBe(200);
      const code = await codeFrom(server.url, phone);
      expect((await pageCall(server.url, 'code', secret, { code }, ip)).status).toBe(200);
      return secret;
    };

    // A checkout completes; the server, running no jobs, leaves its events in the outbox.
    const paid = await verified('+14155550100', '198.51.100.1');
    const done = await pageCall(server.url, 'subscribe', paid, testPaymentMethod(), '198.51.100.1');
    expect(done.body).toMatchObject({ status: 'succeeded' });
    const events = querySqliteFile<{ type: string }>(file, 'select type from webhook_events');
    expect(events.length).toBeGreaterThan(0);
    expect(
      querySqliteFile(file, 'select id from webhook_events where dispatched_at is not null'),
    ).toEqual([]);

    // Another dies with the server while its payment is in flight.
    const cut = await verified('+14155550101', '198.51.100.2');
    void pageCall(server.url, 'subscribe', cut, testPaymentMethod(), '198.51.100.2').catch(
      () => {},
    );
    const pending = () =>
      querySqliteFile<{ id: string; session_id: string }>(
        file,
        `select id, session_id from payments where status = 'pending'`,
      );
    await until(() => pending().length === 1);
    const stuck = pending()[0] as { id: string; session_id: string };
    await server.kill();
    // Two minutes on, its lease has run out: the payment is recovery's to settle.
    const db = new Database(file);
    db.prepare('update payments set locked_until = ? where id = ?').run(
      new Date(Date.now() - 1000).toISOString(),
      stuck.id,
    );
    db.close();

    await spawnWorker(config);
    await receiver.until(events.length);
    expect(receiver.received.map((delivery) => JSON.parse(delivery.body).event).sort()).toEqual(
      expect.arrayContaining(events.map((event) => event.type).sort()),
    );
    await until(
      () =>
        querySqliteFile(
          file,
          `select id from payments where id = ? and status = 'pending'`,
          stuck.id,
        ).length === 0,
    );
    const charged = querySqliteFile(
      join(dataDir, 'test-processor.sqlite'),
      `select ref from charges where idempotency_key like ? and status = 'succeeded'`,
      `${stuck.session_id}:%`,
    ).length;
    expect(
      querySqliteFile<{ status: string }>(
        file,
        'select status from checkout_sessions where id = ?',
        stuck.session_id,
      )[0]?.status,
    ).toBe(charged === 1 ? 'completed' : 'phone_verified');
  }, 60_000);

  it('the command-line worker keeps running until told to stop, and delivers what comes later', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    const server = await spawnService({ dataDir, pageDir: writeTestPage(), jobs: false });
    services.push(server);
    const { secretKey } = server.devMerchant;
    receiver = await startWebhookReceiver();
    const v1 = (path: string, body: unknown) =>
      fetch(`${server.url}v1/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await v1('webhooks', { name: 'Orders', url: receiver.url })).status).toBe(201);

    const worker = await spawnWorker({}, { entry: 'command', env: { LAVA_DATA_DIR: dataDir } });
    const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
    // Only once it has started does the event exist: its poll, not its start, delivers it.
    expect((await v1('customers', { reference_id: 'later' })).status).toBe(201);
    const delivered = receiver.until(1).then(() => 'delivered');
    expect(await Promise.race([delivered, exited.then((code) => `exited (${code})`)])).toBe(
      'delivered',
    );
    expect(JSON.parse(receiver.received[0]?.body ?? '{}').event).toBe('customer.created');

    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
