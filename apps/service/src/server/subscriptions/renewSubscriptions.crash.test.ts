import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../credits/checkLedger.ts';
import { openDatabase } from '../platform/db/openDatabase.ts';
import { querySqliteFile } from '../testing/querySqliteFile.ts';
import type { KillPoint, RenewalCrashOptions } from '../testing/renewalCrashProcess.ts';
import { seedSubscriptions } from '../testing/seedSubscriptions.ts';
import { serviceFolders } from '../testing/serviceFolders.ts';
import { START, testPaymentMethod } from '../testing/startTestService.ts';
import { parseRenewalKey } from './renewalKey.ts';

const APP_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const KILLS = 50;
/** Subscriptions, all on a weekly plan whose cycles end together: each run renews every one. */
const SUBSCRIPTIONS = 24;
/** Each processor call's time: enough for renewals to overlap, little enough to keep the loop quick. */
const LATENCY_MS = 4;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const HOUR = 3_600_000;
/** The first cycle, already started when the test starts: it ends an hour after the start. */
const FIRST_CYCLE_START = START - WEEK + HOUR;

let outDir = '';
/** The service compiled as production runs it, with the test's entry: a real process to kill, quick to start. */
beforeAll(async () => {
  // Inside the app, so its imports find the app's node_modules.
  const cache = join(APP_DIR, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'renewal-crash-'));
  await build({
    root: APP_DIR,
    configFile: join(APP_DIR, 'vite.server.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      rollupOptions: {
        input: { renewalCrashProcess: join(APP_DIR, 'src/server/testing/renewalCrashProcess.ts') },
      },
    },
  });
}, 60_000);

interface Running {
  child: ChildProcess;
  /** `false`: it died before its jobs ran. */
  ready: boolean;
  exited: Promise<void>;
  /** Moves its clock forward and runs what became due; resolves `ran`, or `killed` if it died. */
  advance(ms: number): Promise<'ran' | 'killed'>;
  /** Resolves once the process confirmed its `n`-th charge. */
  confirmed(n: number): Promise<void>;
  /** How it killed itself (`killed <method> <when>`), if it did. */
  killedItself(): string | null;
}

/**
 * A worker process whose code is loaded and which waits to be started: the next one is spawned
 * while the last one runs, so a restart takes what starting the jobs takes, not loading Node.
 */
function spawnWorker(): {
  start(options: RenewalCrashOptions): Promise<Running>;
  /** Ends it unstarted. */
  stop(): Promise<void>;
} {
  const child = spawn(process.execPath, [join(outDir, 'renewalCrashProcess.js')], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const ready = waitForReady(child);
  // Caught here; `start` hands it on.
  ready.catch(() => {});
  return {
    start: (options) => {
      child.stdin?.write(`start ${JSON.stringify(options)}\n`);
      return ready;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function waitForReady(child: ChildProcess): Promise<Running> {
  let stdout = '';
  let stderr = '';
  let confirmed = 0;
  let ran = 0;
  const waiting: { done: () => boolean; resolve: () => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A write to a process that died fails; its death is what the test waits for.
  child.stdin?.on('error', () => {});
  const until = (done: () => boolean) =>
    done() ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ done, resolve }));
  return new Promise((resolve, reject) => {
    const running: Running = {
      child,
      ready: false,
      exited,
      advance: (ms) => {
        const runs = ran + 1;
        child.stdin?.write(`advance ${ms}\n`);
        return Promise.race([
          until(() => ran >= runs).then(() => 'ran' as const),
          exited.then(() => 'killed' as const),
        ]);
      },
      confirmed: (n) => until(() => confirmed >= n),
      killedItself: () => /killed (\S+ \S+)\n/.exec(stdout)?.[1] ?? null,
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stdout += text;
      for (const match of text.matchAll(/confirmed (\d+)\n/g)) {
        confirmed = Math.max(confirmed, Number(match[1]));
      }
      ran += text.match(/^ran$/gm)?.length ?? 0;
      for (const waiter of waiting.filter((w) => w.done())) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (!running.ready && /^ready$/m.test(stdout)) {
        running.ready = true;
        resolve(running);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      if (running.ready) return;
      if (signal === 'SIGKILL') resolve(running);
      else
        reject(new Error(`the worker exited (${code ?? signal}) before its jobs ran: ${stderr}`));
    });
  });
}

async function kill(running: Running): Promise<void> {
  if (running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGKILL');
  }
  await running.exited;
}

const randomInt = (max: number) => 1 + Math.floor(Math.random() * max);

describe('renewal runs killed at random moments, 50 times', () => {
  it('charge every cycle exactly once: none twice, none skipped, and every balance is its ledger', async () => {
    const started = Date.now();
    const { dataDir, pageDir, dbFile, ledgerFile } = serviceFolders('lava-renewal-crash-');

    // A merchant with a weekly plan, and its subscribers with cards that pay.
    const { db } = await openDatabase(dbFile);
    const at = new Date(FIRST_CYCLE_START).toISOString();
    await db
      .insertInto('merchants')
      .values({ id: 'mer_crash', name: 'M', environment: 'test', created_at: at })
      .execute();
    await db
      .insertInto('plans')
      .values({
        id: 'sc_weekly',
        merchant_id: 'mer_crash',
        name: 'Weekly',
        period_amount: '9.00',
        billing_interval: 'week',
        included_credit: '5.00',
        rollover_type: 'full',
        bundle_rollover_type: 'full',
        created_at: at,
      })
      .execute();
    const subscriptions = await seedSubscriptions(db, {
      merchant: { id: 'mer_crash', environment: 'test' },
      plan: { id: 'sc_weekly', included_credit: '5.00' },
      count: SUBSCRIPTIONS,
      card: testPaymentMethod().payment_method,
      cycleStartAt: at,
      cycleEndAt: new Date(FIRST_CYCLE_START + WEEK).toISOString(),
    });
    await db.destroy();

    // Where each kill fell: at a processor call (before or after it), or, told by the process
    // that it confirmed a charge, wherever its recording had got to.
    const moments: Record<string, number> = {};
    const tally = (moment: string) => {
      moments[moment] = (moments[moment] ?? 0) + 1;
    };
    const points: Omit<KillPoint, 'nth'>[] = [
      { method: 'createCharge', when: 'before' },
      { method: 'createCharge', when: 'after' },
      { method: 'confirmCharge', when: 'before' },
      { method: 'confirmCharge', when: 'after' },
    ];
    let now = START;
    let startMs = 0;
    let spare = spawnWorker();
    const start = (options: RenewalCrashOptions) => {
      const starting = spare.start(options);
      spare = spawnWorker();
      return starting;
    };
    for (let kills = 0; kills < KILLS; kills++) {
      const point = points[kills % 5];
      const killAt = point ? { ...point, nth: randomInt(SUBSCRIPTIONS - 4) } : null;
      const t0 = Date.now();
      const running = await start({ dataDir, pageDir, now, latencyMs: LATENCY_MS, killAt });
      startMs += Date.now() - t0;
      if (!running.ready) {
        // It died recovering what the last run left: a renewal run of its own.
        tally(`at start: ${running.killedItself()}`);
        continue;
      }
      // A week on: every subscription's cycle ends, and the run renews them, 32 at once, after
      // recovery settled what the last run left in flight. The clock moves before the run.
      const renewing = running.advance(WEEK);
      now += WEEK;
      if (killAt) {
        const outcome = await renewing;
        tally(outcome === 'killed' ? `${running.killedItself()}` : 'after the run');
      } else {
        const outcome = await Promise.race([
          running.confirmed(randomInt(SUBSCRIPTIONS)).then(() => 'confirmed'),
          renewing,
        ]);
        tally(outcome === 'confirmed' ? 'recording, told of a charge' : 'after the run');
      }
      await kill(running);
    }

    // A last start: recovery once the leases ran out, then what a crash left to resume minutes later.
    const last = await start({ dataDir, pageDir, now, latencyMs: LATENCY_MS, killAt: null });
    expect(await last.advance(10 * 60_000)).toBe('ran');
    expect(await last.advance(10 * 60_000)).toBe('ran');
    last.child.kill('SIGTERM');
    await last.exited;
    await spare.stop();
    const end = now + 20 * 60_000;

    // Every cycle that ended by the end, for every subscription: charged exactly once.
    const cycles: string[] = [];
    for (let cycle = FIRST_CYCLE_START; cycle + WEEK <= end; cycle += WEEK) {
      cycles.push(new Date(cycle).toISOString());
    }
    const expected = subscriptions.flatMap((id) => cycles.map((cycle) => `${id} ${cycle}`)).sort();
    const cycleOf = (key: string) => {
      const parsed = parseRenewalKey(key);
      return parsed ? `${parsed.subscriptionId} ${parsed.cycleStartAt}` : `not a renewal: ${key}`;
    };
    // The processor's record: one succeeded charge per cycle, whatever the attempt's key.
    const charges = querySqliteFile<{ idempotency_key: string; ref: string; status: string }>(
      ledgerFile,
      'select idempotency_key, ref, status from charges',
    );
    const charged = charges.filter((charge) => charge.status === 'succeeded');
    expect(charged.map((charge) => cycleOf(charge.idempotency_key)).sort()).toEqual(expected);
    // Nothing left created and never confirmed or cancelled.
    expect(charges.filter((charge) => charge.status === 'unconfirmed')).toEqual([]);
    // The payments table says the same, charge for charge.
    const payments = querySqliteFile<{
      idempotency_key: string;
      processor_ref: string;
      status: string;
    }>(
      dbFile,
      `select idempotency_key, processor_ref, status from payments where kind = 'renewal'`,
    );
    expect(
      payments.filter((payment) => ['pending', 'requires_action'].includes(payment.status)),
    ).toEqual([]);
    expect(
      payments
        .filter((payment) => payment.status === 'succeeded')
        .map((payment) => `${payment.idempotency_key} ${payment.processor_ref}`)
        .sort(),
    ).toEqual(charged.map((charge) => `${charge.idempotency_key} ${charge.ref}`).sort());
    // Every subscription is in the cycle after the last that ended, still active.
    const states = querySqliteFile<{ id: string; status: string; cycle_start_at: string }>(
      dbFile,
      `select id, status, cycle_start_at from subscriptions where plan_id = 'sc_weekly'`,
    );
    const current = new Date(FIRST_CYCLE_START + cycles.length * WEEK).toISOString();
    expect(states.filter((s) => s.status !== 'active' || s.cycle_start_at !== current)).toEqual([]);
    expect(
      querySqliteFile(dbFile, `select id from webhook_events where type = 'subscription.renewed'`),
    ).toHaveLength(expected.length);
    const reopened = await openDatabase(dbFile);
    expect(await checkLedger(reopened.db)).toEqual([]);
    await reopened.db.destroy();

    // The kills fell at every moment, between a charge and its recording included.
    expect(moments['confirmCharge after']).toBeGreaterThan(0);
    expect(moments['createCharge before']).toBeGreaterThan(0);
    expect(moments['recording, told of a charge']).toBeGreaterThan(0);
    expect(cycles.length).toBeGreaterThan(KILLS / 2);
    console.log('Lava Checkout renewal crash loop:', {
      kills: KILLS,
      subscriptions: SUBSCRIPTIONS,
      cycles: cycles.length,
      charges: charged.length,
      attempts: payments.length,
      seconds: Math.round((Date.now() - started) / 1000),
      startSeconds: Math.round(startMs / 1000),
      moments,
    });
  }, 600_000);
});
