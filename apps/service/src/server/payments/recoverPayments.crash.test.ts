import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { createCheckoutSession } from '@lava-checkout/server';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN, testPaymentMethod, writeTestPage } from '../testing/startTestService.ts';

const APP_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const RUNS = 100;

/** The compiled service, as production runs it: a real process to kill. */
beforeAll(async () => {
  await build({
    root: APP_DIR,
    configFile: join(APP_DIR, 'vite.server.config.ts'),
    logLevel: 'warn',
  });
}, 60_000);

interface Running {
  child: ChildProcess;
  url: string;
}

function startService(dataDir: string, pageDir: string): Promise<Running> {
  const child = spawn(process.execPath, [join(APP_DIR, 'dist/server/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      LAVA_DATA_DIR: dataDir,
      LAVA_PAGE_DIR: pageDir,
      LAVA_TRUST_PROXY: '1',
      // A processor across a network: 10 ms there, 10 ms back, on every call.
      LAVA_TEST_PROCESSOR_LATENCY_MS: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /Lava Checkout service: (\S+)/.exec(seen)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`the service exited (${code}): ${seen}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('a payment killed at any moment, 100 times', () => {
  it('loses no charge and charges nothing twice: after restart and recovery, charged sessions are complete and the rest payable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-crash-'));
    const pageDir = writeTestPage();
    const db = join(dataDir, 'checkout.sqlite');
    const ledger = join(dataDir, 'test-processor.sqlite');
    const charged = (sessionId: string) =>
      query<{ status: string }>(
        ledger,
        `select status from charges where idempotency_key like ? and status = 'succeeded'`,
        `${sessionId}:%`,
      ).length;
    const statusOf = (sessionId: string) =>
      query<{ status: string }>(
        db,
        'select status from checkout_sessions where id = ?',
        sessionId,
      )[0]?.status;

    let service = await startService(dataDir, pageDir);
    const merchant = JSON.parse(readFileSync(join(dataDir, 'dev-merchant.json'), 'utf8')) as {
      secretKey: string;
      planId: string;
    };
    const sessions: { id: string; secret: string }[] = [];
    const moments = { beforeTheCharge: 0, betweenChargeAndCommit: 0, afterTheCommit: 0 };

    for (let run = 0; run < RUNS; run++) {
      // Everything the runs before left in flight was settled by this start's recovery pass.
      expect(
        query(db, `select id from payments where status in ('pending', 'requires_action')`),
      ).toEqual([]);
      expect(query(db, `select id from checkout_sessions where status = 'processing'`)).toEqual([]);

      const minted = await createCheckoutSession(
        { checkout_mode: 'subscription', origin_url: TEST_ORIGIN, plan_id: merchant.planId },
        { secretKey: merchant.secretKey, checkoutUrl: service.url },
      );
      const decoded = decodeCheckoutToken(minted.checkout_session_token);
      if (!decoded.ok) throw new Error(decoded.message);
      const session = { id: minted.checkout_session_id, secret: decoded.token.secret };
      sessions.push(session);
      const post = (path: string, body: unknown) =>
        fetch(`${service.url}api/checkout/${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${session.secret}`,
            // Each run is another customer, on another network.
            'x-forwarded-for': `198.51.100.${run}`,
          },
          body: JSON.stringify(body),
        });
      const phone = `+1415555${String(100 + run).padStart(4, '0')}`;
      expect((await post('phone', { phone })).status).toBe(200);
      const outbox = (await (await fetch(`${service.url}dev/outbox`)).json()) as {
        data: { to: string; body: string }[];
      };
      const code = /\b(\d{6})\b/.exec(outbox.data.find((m) => m.to === phone)?.body ?? '')?.[1];
      expect((await post('code', { code })).status).toBe(200);

      void post('subscribe', testPaymentMethod()).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 90));
      await kill(service.child);

      const wasCharged = charged(session.id) > 0;
      const wasCompleted = statusOf(session.id) === 'completed';
      if (!wasCharged) moments.beforeTheCharge += 1;
      else if (!wasCompleted) moments.betweenChargeAndCommit += 1;
      else moments.afterTheCommit += 1;

      service = await startService(dataDir, pageDir);
    }

    for (const session of sessions) {
      const charges = charged(session.id);
      expect(charges).toBeLessThanOrEqual(1);
      const subscriptions = query(
        db,
        `select id from subscriptions where checkout_session_id = ? and status = 'active'`,
        session.id,
      );
      if (charges === 1) {
        expect(statusOf(session.id)).toBe('completed');
        expect(subscriptions).toHaveLength(1);
      } else {
        expect(statusOf(session.id)).toBe('phone_verified');
        expect(subscriptions).toHaveLength(0);
      }
    }
    const charges = query(ledger, `select ref from charges where status = 'succeeded'`).length;
    expect(query(db, 'select id from subscriptions')).toHaveLength(charges);
    // The loop met every moment, the one between the charge and its commit included.
    expect(moments.beforeTheCharge).toBeGreaterThan(0);
    expect(moments.betweenChargeAndCommit).toBeGreaterThan(0);
    expect(moments.afterTheCommit).toBeGreaterThan(0);

    // An uncharged session is payable again, for real.
    const unpaid = sessions.find((session) => charged(session.id) === 0);
    if (unpaid) {
      const response = await fetch(`${service.url}api/checkout/subscribe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${unpaid.secret}`,
          'x-forwarded-for': '203.0.113.200',
        },
        body: JSON.stringify(testPaymentMethod()),
      });
      expect(response.status).toBe(200);
      expect(charged(unpaid.id)).toBe(1);
    }
    await kill(service.child);
    console.log('Lava Checkout crash loop: kill moments', moments);
  }, 300_000);
});
