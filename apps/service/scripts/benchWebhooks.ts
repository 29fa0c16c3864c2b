import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Db } from '../src/server/platform/db/Database.ts';
import { openDatabase } from '../src/server/platform/db/openDatabase.ts';
import { openPostgresDatabase } from '../src/server/platform/db/openPostgresDatabase.ts';
import { systemResolveHost } from '../src/server/platform/http/resolvePublicHost.ts';
import { fillOutbox } from '../src/server/testing/fillOutbox.ts';
import { startPostgres, type TestPostgres } from '../src/server/testing/startPostgres.ts';
import { AT, storeFixtures } from '../src/server/testing/storeFixtures.ts';
import {
  WEBHOOK_CONCURRENCY,
  WEBHOOK_CONCURRENCY_PER_ENDPOINT,
} from '../src/server/webhooks/createDeliveryPool.ts';
import { startWebhookWorker } from '../src/server/webhooks/startWebhookWorker.ts';
import { webhookEvent } from '../src/server/webhooks/webhookEvent.ts';
import { markdownTable } from './markdownTable.ts';

// `pnpm bench:webhooks`: how fast one service process's webhook worker drains its outbox, on the
// embedded database and on PostgreSQL, to a receiver in another process on loopback; and how
// long another merchant's event waits while three endpoints never answer. The worker runs as
// the service runs it (polling every second, the real clock), from the moment the events are
// in the outbox: planning them is part of the time.
// BENCH_DELIVERIES (6000) sets the size of each drain; BENCH_POSTGRES=0 skips PostgreSQL.

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 6000);
const WITH_POSTGRES = process.env.BENCH_POSTGRES !== '0';
const SLOW_MS = 20;

/** The merchant's endpoint, in a process of its own: answers 204 at once, or after DELAY_MS; never under /dead. */
const RECEIVER = `
const http = require('node:http');
const delay = Number(process.env.DELAY_MS || 0);
let count = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url.startsWith('/dead')) return;
    count += 1;
    if (req.url.startsWith('/alive') || count % 500 === 0) process.send({ path: req.url, count });
    const answer = () => res.writeHead(204).end();
    if (delay > 0) setTimeout(answer, delay); else answer();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

interface Receiver {
  url: string;
  child: ChildProcess;
  /** Resolves when a delivery to `path` has arrived, or the `count`th of all. */
  until(match: { count?: number; path?: string }): Promise<void>;
}

async function startReceiver(delayMs = 0): Promise<Receiver> {
  const child = spawn(process.execPath, ['-e', RECEIVER], {
    env: { ...process.env, DELAY_MS: String(delayMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: { match: { count?: number; path?: string }; resolve: () => void }[] = [];
  const port = await new Promise<number>((resolve) => {
    child.on('message', (message: { port?: number; path?: string; count?: number }) => {
      if (message.port) resolve(message.port);
      for (const waiter of [...waiting]) {
        const { count, path } = waiter.match;
        if (
          (count !== undefined && (message.count ?? 0) >= count) ||
          (path !== undefined && message.path?.startsWith(path))
        ) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    until: (match) => new Promise((resolve) => waiting.push({ match, resolve })),
  };
}

interface Database {
  label: string;
  open(): Promise<Db>;
}

async function freshPostgres(cluster: TestPostgres): Promise<string> {
  const name = `bench_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.href;
}

async function seed(db: Db, endpoints: { merchant: string; url: string }[], events: number[]) {
  await storeFixtures(db);
  await db
    .insertInto('merchants')
    .values({
      id: 'mer_test_2',
      name: 'B',
      environment: 'test',
      created_at: AT,
      sms_countries: null,
    })
    .execute();
  await db
    .insertInto('webhooks')
    .values(
      endpoints.map(({ merchant, url }, i) => ({
        id: `wh_${i}`,
        merchant_id: merchant,
        name: `W${i}`,
        url,
        secret: 'whsec_bench',
        created_at: AT,
        deleted_at: null,
      })),
    )
    .execute();
  const merchants = [...new Set(endpoints.map((e) => e.merchant))];
  for (const [m, count] of events.entries()) {
    const merchant = merchants[m] ?? 'mer_test_1';
    const rows = Array.from({ length: count }, (_, i) =>
      webhookEvent('checkout.completed', { id: merchant, environment: 'test' }, new Date(), {
        checkout_session_id: `cs_${m}_${i}`,
      }),
    );
    await fillOutbox(db, rows);
  }
}

function startWorker(db: Db) {
  const worker = startWebhookWorker({
    db,
    now: () => new Date(),
    production: false,
    resolveHost: systemResolveHost,
  });
  void worker.runOnce();
  return worker;
}

interface Row {
  database: string;
  scenario: string;
  deliveries: number;
  seconds: number;
  perSecond: number;
  cpuMsEach: number;
}

async function drain(
  database: Database,
  scenario: string,
  endpointCount: number,
  delayMs = 0,
  deliveries = DELIVERIES,
): Promise<Row> {
  const receiver = await startReceiver(delayMs);
  const db = await database.open();
  const endpoints = Array.from({ length: endpointCount }, (_, i) => ({
    merchant: 'mer_test_1',
    url: `${receiver.url}/hook/${i}`,
  }));
  await seed(db, endpoints, [Math.ceil(deliveries / endpointCount)]);
  const total = Math.ceil(deliveries / endpointCount) * endpointCount;
  const done = receiver.until({ count: total });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = startWorker(db);
  await done;
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await worker.stop();
  await db.destroy();
  receiver.child.kill();
  return {
    database: database.label,
    scenario,
    deliveries: total,
    seconds,
    perSecond: total / seconds,
    cpuMsEach: (used.user + used.system) / 1000 / total,
  };
}

/** Three endpoints that never answer, 100 deliveries due to each, then one event of another merchant. */
async function stalled(database: Database): Promise<Row> {
  const receiver = await startReceiver();
  const db = await database.open();
  await seed(
    db,
    [
      { merchant: 'mer_test_1', url: `${receiver.url}/dead/1` },
      { merchant: 'mer_test_1', url: `${receiver.url}/dead/2` },
      { merchant: 'mer_test_1', url: `${receiver.url}/dead/3` },
      { merchant: 'mer_test_2', url: `${receiver.url}/alive` },
    ],
    [100, 1],
  );
  const arrived = receiver.until({ path: '/alive' });
  const started = performance.now();
  const worker = startWorker(db);
  await arrived;
  const seconds = (performance.now() - started) / 1000;
  receiver.child.kill();
  await worker.stop();
  await db.destroy();
  return {
    database: database.label,
    scenario: "another merchant's event, 3 dead endpoints beside it",
    deliveries: 1,
    seconds,
    perSecond: Number.NaN,
    cpuMsEach: Number.NaN,
  };
}

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'lava-bench-webhooks-'));
  const databases: Database[] = [
    {
      label: 'embedded',
      open: async () => (await openDatabase(join(mkdtempSync(join(dir, 'db-')), 'b.sqlite'))).db,
    },
  ];
  let cluster: TestPostgres | undefined;
  if (WITH_POSTGRES) {
    try {
      cluster = await startPostgres();
      const started = cluster;
      databases.push({
        label: 'PostgreSQL',
        open: async () => openPostgresDatabase(await freshPostgres(started)),
      });
    } catch (error) {
      console.error(`PostgreSQL skipped: ${(error as Error).message}`);
    }
  }
  const rows: Row[] = [];
  try {
    for (const database of databases) {
      rows.push(await drain(database, '1 endpoint, answers at once', 1));
      rows.push(await drain(database, '3 endpoints, answer at once', 3));
      rows.push(
        await drain(database, `1 endpoint, answers in ${SLOW_MS} ms`, 1, SLOW_MS, DELIVERIES / 3),
      );
      rows.push(await stalled(database));
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `\nWebhook worker, one process, on ${os.cpus().length} cores (${cpu}), Node ${process.version}; at most ${WEBHOOK_CONCURRENCY_PER_ENDPOINT} at once per endpoint and ${WEBHOOK_CONCURRENCY} in all; load average ${os.loadavg()[0]?.toFixed(2)} at the end\n`,
  );
  const table = [
    ['database', 'scenario', 'deliveries', 'seconds', 'deliveries/s', 'worker CPU ms/delivery'],
    ...rows.map((r) => [
      r.database,
      r.scenario,
      String(r.deliveries),
      r.seconds.toFixed(2),
      Number.isNaN(r.perSecond) ? '' : r.perSecond.toFixed(0),
      Number.isNaN(r.cpuMsEach) ? '' : r.cpuMsEach.toFixed(2),
    ]),
  ];
  const [header = [], ...body] = table;
  for (const line of markdownTable(header, body)) console.log(line);
}

await main();
