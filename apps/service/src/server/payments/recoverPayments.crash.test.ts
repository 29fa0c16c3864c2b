import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { createCheckoutSession } from '@lava-checkout/server';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { querySqliteFile } from '../testing/querySqliteFile.ts';
import { serviceEnv } from '../testing/serviceEnv.ts';
import { type ServiceFolders, serviceFolders } from '../testing/serviceFolders.ts';
import { TEST_ORIGIN, testPaymentMethod } from '../testing/startTestService.ts';

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

function startService(folders: ServiceFolders): Promise<Running> {
  const child = spawn(process.execPath, [join(APP_DIR, 'dist/server/main.js')], {
    env: serviceEnv(folders, {
      LAVA_TRUST_PROXY: '1',
      // A processor across a network: 10 ms there, 10 ms back, on every call.
      LAVA_TEST_PROCESSOR_LATENCY_MS: '20',
    }),
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

/** Customers subscribed before the loop, whose credit bundle purchases the loop kills. */
const SUBSCRIBERS = 50;
/** The wait before another code to the same phone (a subscriber's bundle checkout), with room. */
const RESEND_WAIT_MS = 31_000;

type Kind = 'plan' | 'bundle';

describe('a payment killed at any moment, 100 times, buying plans and credit bundles', () => {
  it('loses no charge and charges nothing twice: after restart and recovery, charged sessions are complete and the rest payable', async () => {
    const started = Date.now();
    const folders = serviceFolders('lava-crash-');
    const { dataDir, dbFile: db, ledgerFile: ledger } = folders;
    const charged = (sessionId: string) =>
      querySqliteFile<{ status: string }>(
        ledger,
        `select status from charges where idempotency_key like ? and status = 'succeeded'`,
        `${sessionId}:%`,
      ).length;
    const statusOf = (sessionId: string) =>
      querySqliteFile<{ status: string }>(
        db,
        'select status from checkout_sessions where id = ?',
        sessionId,
      )[0]?.status;

    let service = await startService(folders);
    const merchant = JSON.parse(readFileSync(join(dataDir, 'dev-merchant.json'), 'utf8')) as {
      secretKey: string;
      planId: string;
    };
    const bundleId = querySqliteFile<{ id: string }>(
      db,
      `select id from credit_bundles where plan_id = ? and cost = '25.00'`,
      merchant.planId,
    )[0]?.id;
    if (!bundleId) throw new Error('the development plan has no 25.00 bundle');

    /** Mints a session, sends the code and verifies it; returns how to post to its page API. */
    const verified = async (
      params: Record<string, string>,
      phone: string,
      ip: string,
      phoneBody: Record<string, string>,
    ) => {
      const minted = await createCheckoutSession(
        { checkout_mode: 'subscription', origin_url: TEST_ORIGIN, ...params },
        { secretKey: merchant.secretKey, checkoutUrl: service.url },
      );
      const decoded = decodeCheckoutToken(minted.checkout_session_token);
      if (!decoded.ok) throw new Error(decoded.message);
      const session = { id: minted.checkout_session_id, secret: decoded.token.secret };
      const post = (path: string, body: unknown) =>
        fetch(`${service.url}api/checkout/${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${session.secret}`,
            'x-forwarded-for': ip,
          },
          body: JSON.stringify(body),
        });
      expect((await post('phone', phoneBody)).status).toBe(200);
      const outbox = (await (await fetch(`${service.url}dev/outbox`)).json()) as {
        data: { to: string; body: string }[];
      };
      // Newest first.
      const code = /\b(\d{6})\b/.exec(outbox.data.find((m) => m.to === phone)?.body ?? '')?.[1];
      expect((await post('code', { code })).status).toBe(200);
      return { session, post };
    };

    // Subscribers, each to buy one bundle in the loop (their phone may get a code again 30 s on).
    const subscribers: { customerId: string; phone: string; codeAt: number }[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const phone = `+1415556${String(1000 + i).padStart(4, '0')}`;
      const { post } = await verified({ plan_id: merchant.planId }, phone, `203.0.113.${i}`, {
        phone,
      });
      const response = await post('subscribe', testPaymentMethod());
      expect(response.status).toBe(200);
      const { customer_id } = (await response.json()) as { customer_id: string };
      subscribers.push({ customerId: customer_id, phone, codeAt: Date.now() });
    }

    const sessions: { id: string; secret: string; kind: Kind; customerId?: string }[] = [];
    const moments = {
      plan: { beforeTheCharge: 0, betweenChargeAndCommit: 0, afterTheCommit: 0 },
      bundle: { beforeTheCharge: 0, betweenChargeAndCommit: 0, afterTheCommit: 0 },
    };

    for (let run = 0; run < RUNS; run++) {
      // Everything the runs before left in flight was settled by this start's recovery pass.
      expect(
        querySqliteFile(
          db,
          `select id from payments where status in ('pending', 'requires_action')`,
        ),
      ).toEqual([]);
      expect(
        querySqliteFile(db, `select id from checkout_sessions where status = 'processing'`),
      ).toEqual([]);

      // Every other run buys a bundle, once a subscriber's phone may get a code again.
      const buyer = subscribers[0];
      const kind: Kind =
        run % 2 === 1 && buyer && Date.now() - buyer.codeAt > RESEND_WAIT_MS ? 'bundle' : 'plan';
      // Each run is another network.
      const ip = `198.51.100.${run}`;
      let pay: () => Promise<Response>;
      if (kind === 'bundle' && buyer) {
        subscribers.shift();
        const { session, post } = await verified(
          {
            checkout_mode: 'credit_bundle',
            customer_id: buyer.customerId,
            credit_bundle_id: bundleId,
          },
          buyer.phone,
          ip,
          {},
        );
        sessions.push({ ...session, kind, customerId: buyer.customerId });
        // The card on file, or a new card.
        const card = run % 4 === 1 ? { card_on_file: true } : testPaymentMethod();
        pay = () => post('buy', card);
      } else {
        // Each plan run is another customer.
        const phone = `+1415555${String(100 + run).padStart(4, '0')}`;
        const { session, post } = await verified({ plan_id: merchant.planId }, phone, ip, {
          phone,
        });
        sessions.push({ ...session, kind });
        pay = () => post('subscribe', testPaymentMethod());
      }
      const session = sessions[sessions.length - 1] as (typeof sessions)[number];

      void pay().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 90));
      await kill(service.child);

      const wasCharged = charged(session.id) > 0;
      const wasCompleted = statusOf(session.id) === 'completed';
      if (!wasCharged) moments[kind].beforeTheCharge += 1;
      else if (!wasCompleted) moments[kind].betweenChargeAndCommit += 1;
      else moments[kind].afterTheCommit += 1;

      service = await startService(folders);
    }

    let bundleCharges = 0;
    for (const session of sessions) {
      const charges = charged(session.id);
      expect(charges).toBeLessThanOrEqual(1);
      if (session.kind === 'plan') {
        const subscriptions = querySqliteFile(
          db,
          `select id from subscriptions where checkout_session_id = ? and status = 'active'`,
          session.id,
        );
        expect(subscriptions).toHaveLength(charges);
      } else {
        bundleCharges += charges;
        // Each subscriber bought one bundle: its credits are granted exactly when it was charged.
        const grants = querySqliteFile(
          db,
          `select id from credit_grants where customer_id = ? and source = 'bundle'`,
          session.customerId,
        );
        expect(grants).toHaveLength(charges);
      }
      expect(statusOf(session.id)).toBe(charges === 1 ? 'completed' : 'phone_verified');
      expect(
        querySqliteFile(
          db,
          `select id from payments where session_id = ? and status = 'succeeded' and kind = ?`,
          session.id,
          session.kind,
        ),
      ).toHaveLength(charges);
    }
    const charges = querySqliteFile(
      ledger,
      `select ref from charges where status = 'succeeded'`,
    ).length;
    expect(querySqliteFile(db, 'select id from subscriptions').length + bundleCharges).toBe(
      charges,
    );
    // Both kinds ran, and the loop met every moment, the one between the charge and its commit included.
    const kinds = (kind: Kind) => sessions.filter((session) => session.kind === kind).length;
    expect(kinds('bundle')).toBeGreaterThanOrEqual(30);
    expect(kinds('plan')).toBeGreaterThanOrEqual(30);
    const all = (moment: keyof (typeof moments)['plan']) =>
      moments.plan[moment] + moments.bundle[moment];
    expect(all('beforeTheCharge')).toBeGreaterThan(0);
    expect(all('betweenChargeAndCommit')).toBeGreaterThan(0);
    expect(all('afterTheCommit')).toBeGreaterThan(0);

    // An uncharged session is payable again, for real.
    const unpaid = sessions.find((session) => session.kind === 'plan' && charged(session.id) === 0);
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
    console.log('Lava Checkout crash loop:', {
      kills: RUNS,
      sessions: { plan: kinds('plan'), bundle: kinds('bundle') },
      charges,
      seconds: Math.round((Date.now() - started) / 1000),
      moments,
    });
  }, 900_000);
});
