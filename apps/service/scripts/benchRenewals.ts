import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { RENEWAL_CONCURRENCY } from '../src/server/checkoutSessions/limits.ts';
import { checkLedger } from '../src/server/credits/checkLedger.ts';
import { createTestPaymentProcessor } from '../src/server/payments/createTestPaymentProcessor.ts';
import type { Db } from '../src/server/platform/db/Database.ts';
import { openDatabase } from '../src/server/platform/db/openDatabase.ts';
import { renewDue } from '../src/server/subscriptions/renewSubscriptions.ts';
import { seedSubscriptions } from '../src/server/testing/seedSubscriptions.ts';
import { testPaymentMethod } from '../src/server/testing/startTestService.ts';
import { AT, storeFixtures } from '../src/server/testing/storeFixtures.ts';
import { markdownTable } from './markdownTable.ts';

// `pnpm bench:renewals`: how fast one process's renewal job charges subscriptions that all fall
// due at once, on the embedded database, with the test payment processor taking 20 ms a call
// (a renewal makes two: create and confirm), as the service runs it with
// LAVA_TEST_PROCESSOR_LATENCY_MS=20. The job runs as the service runs it (`renewDue`): read what
// is due, claim, charge, record the next cycle and its credits, announce it. Each run starts
// from a fresh database of BENCH_RENEWALS (10000) subscriptions due; BENCH_CONCURRENCY (8,16,32,64)
// lists the concurrencies to run. The processor's bound is concurrency / (2 × 20 ms). A last run
// with a processor that answers at once shows what the database alone allows (BENCH_INSTANT=0
// skips it).

const RENEWALS = Number(process.env.BENCH_RENEWALS ?? 10_000);
const CONCURRENCIES = process.env.BENCH_CONCURRENCY?.split(',').map(Number) ?? [
  ...new Set([8, 16, 32, 64, RENEWAL_CONCURRENCY].sort((a, b) => a - b)),
];
const LATENCY_MS = 20;
/** A day after the seeded cycles ended. */
const NOW = new Date('2026-12-23T12:00:00.000Z');

/** RENEWALS subscriptions of the fixtures' plan (49.00 a month, 25.00 included), all due. */
async function seed(db: Db) {
  const ids = await storeFixtures(db);
  const card = testPaymentMethod().payment_method;
  await db.updateTable('payment_methods').set({ processor_ref: card }).execute();
  await seedSubscriptions(db, {
    merchant: { id: ids.merchant, environment: 'test' },
    plan: { id: ids.plan, included_credit: '25.00' },
    count: RENEWALS - 1,
    card,
    cycleStartAt: AT,
    cycleEndAt: '2026-12-22T12:00:00.000Z',
  });
}

interface Row {
  latencyMs: number;
  concurrency: number;
  renewals: number;
  seconds: number;
  perSecond: number;
  bound: number;
  cpuMsEach: number;
}

async function run(dir: string, concurrency: number, latencyMs = LATENCY_MS): Promise<Row> {
  const runDir = mkdtempSync(join(dir, 'run-'));
  const { db } = await openDatabase(join(runDir, 'checkout.sqlite'));
  const ledgerFile = join(runDir, 'test-processor.sqlite');
  const payments = createTestPaymentProcessor({ ledgerFile, latencyMs, now: () => NOW });
  try {
    await seed(db);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const pass = await renewDue({ db, payments, now: () => NOW }, { concurrency });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);

    // Every one renewed, each charged once, every balance its ledger's.
    const charged = new Database(ledgerFile, { readonly: true });
    const charges = (
      charged.prepare(`select count(*) as n from charges where status = 'succeeded'`).get() as {
        n: number;
      }
    ).n;
    charged.close();
    const renewed = await db
      .selectFrom('subscriptions')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('cycle_start_at', '=', '2026-12-22T12:00:00.000Z')
      .executeTakeFirstOrThrow();
    if (pass.renewed !== RENEWALS || charges !== RENEWALS || Number(renewed.n) !== RENEWALS) {
      throw new Error(
        `renewed ${pass.renewed} (${renewed.n} in the database), charged ${charges}, of ${RENEWALS}`,
      );
    }
    const broken = await checkLedger(db);
    if (broken.length > 0) throw new Error(`${broken.length} balances differ from their ledger`);
    return {
      latencyMs,
      concurrency,
      renewals: pass.renewed,
      seconds,
      perSecond: pass.renewed / seconds,
      bound: latencyMs === 0 ? Number.NaN : concurrency / ((2 * latencyMs) / 1000),
      cpuMsEach: (used.user + used.system) / 1000 / pass.renewed,
    };
  } finally {
    payments.close?.();
    await db.destroy();
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'lava-bench-renewals-'));
  const rows: Row[] = [];
  try {
    for (const concurrency of CONCURRENCIES) rows.push(await run(dir, concurrency));
    // The database's share: the same renewals with a processor that answers at once.
    if (process.env.BENCH_INSTANT !== '0') rows.push(await run(dir, RENEWAL_CONCURRENCY, 0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `\nRenewal job, one process, embedded database, ${RENEWALS} subscriptions due at once, processor ${LATENCY_MS} ms a call; ${os.cpus().length} cores (${cpu}), Node ${process.version}; load average ${os.loadavg()[0]?.toFixed(2)} at the end\n`,
  );
  const table = [
    [
      'processor',
      'renewals at once',
      'renewals',
      'seconds',
      'renewals/s',
      "processor's bound/s",
      'CPU ms/renewal',
    ],
    ...rows.map((r) => [
      r.latencyMs === 0 ? 'answers at once' : `${r.latencyMs} ms a call`,
      String(r.concurrency) + (r.concurrency === RENEWAL_CONCURRENCY ? ' (default)' : ''),
      String(r.renewals),
      r.seconds.toFixed(2),
      r.perSecond.toFixed(0),
      Number.isNaN(r.bound) ? '' : r.bound.toFixed(0),
      r.cpuMsEach.toFixed(2),
    ]),
  ];
  const [header = [], ...body] = table;
  for (const line of markdownTable(header, body)) console.log(line);
}

await main();
