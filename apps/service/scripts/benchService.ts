import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { createCheckoutSession } from '@lava-checkout/server';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { tokenizeTestCard } from '../src/page/payments/tokenizeTestCard.ts';
import { markdownTable } from './markdownTable.ts';

// `pnpm bench:service`: completed checkouts per second against the compiled checkout service on
// loopback, at 1, 4, 16 and 64 concurrent customers, with the CPU, statements and commits each
// checkout costs, beside the raw rate of fsync'd single-row commits on the same disk.
// Each load stops by itself after BENCH_SECONDS or BENCH_CHECKOUTS checkouts; every request
// gives up after 30 s.

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const LEVELS = (process.env.BENCH_LEVELS ?? '1,4,16,64').split(',').map(Number);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const LOAD_CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 3000);
const REQUEST_TIMEOUT_MS = 30_000;
const ORIGIN = 'http://localhost:4000';
const CLOCK_TICK_MS = 1000 / 100;

/** Ticks of CPU (user + system) a process and its children have used, from /proc. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  let ticks = Number(stat[11]) + Number(stat[12]);
  let children = '';
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    // A kernel without the children file: the process alone.
  }
  for (const child of children.split(' ').filter(Boolean)) ticks += cpuTicks(Number(child));
  return ticks;
}
const cpuMs = (pid: number) => cpuTicks(pid) * CLOCK_TICK_MS;

/** Single-row commits per second on this disk, fsync'd as the service's are (WAL, FULL). */
function rawCommitRate(dir: string, seconds = 2): number {
  const file = join(dir, 'raw-commits.sqlite');
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table t (id integer primary key, v text)');
  const insert = db.prepare('insert into t (v) values (?)');
  const end = performance.now() + seconds * 1000;
  let commits = 0;
  while (performance.now() < end) {
    insert.run('x');
    commits += 1;
  }
  db.close();
  return commits / seconds;
}

interface Service {
  child: ChildProcess;
  url: URL;
  codes: Map<string, string>;
}

async function startService(dataDir: string): Promise<Service> {
  // BENCH_PROFILE=<dir> writes a CPU profile of the service there, to see where time goes.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  // BENCH_SERVICE=<main.js> measures another build of the service, to compare two versions.
  const main = process.env.BENCH_SERVICE ?? join(APP_DIR, 'dist/server/main.js');
  const child = spawn(process.execPath, [...profile, main], {
    env: {
      ...process.env,
      LAVA_PAGE_DIR: join(APP_DIR, 'dist/page'),
      NODE_ENV: 'development',
      PORT: '0',
      LAVA_DATA_DIR: dataDir,
      LAVA_TRUST_PROXY: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const codes = new Map<string, string>();
  return new Promise((resolve, reject) => {
    let buffer = '';
    let url: string | undefined;
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      url ??= /Lava Checkout service: (\S+)/.exec(buffer)?.[1];
      // The console SMS provider prints each text: the codes come from there.
      for (const match of buffer.matchAll(/\[sms\] to (\+\d+): (\d{6}) is your/g)) {
        codes.set(match[1] ?? '', match[2] ?? '');
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      if (url) resolve({ child, url: new URL(url), codes });
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  });
}

/** A plain HTTP/1.1 client on kept-alive sockets: fetch would cost the client more CPU than
 * the service it measures, on the same cores. */
function createClient(base: URL) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  return (path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: base.hostname,
          port: base.port,
          path: `${base.pathname}${path}`,
          method: body === undefined ? 'GET' : 'POST',
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent,
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${path}: no answer in 30 s`)));
      request.on('error', reject);
      request.end(body);
    });
}

/** Distinct valid US numbers, one for each checkout. */
function* phones(): Generator<string> {
  for (let n = 2_000_000; ; n++) {
    const phone = `+1415${n}`;
    if (parsePhoneNumberFromString(phone)?.isValid()) yield phone;
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

interface Customer {
  secret: string;
  phone: string;
  ip: string;
}

interface Level {
  customers: number;
  checkouts: number;
  perSecond: number;
  /** p50 and p99 of each step and of the whole checkout, in ms. */
  steps: Record<(typeof STEPS)[number], [number, number]>;
  cpuMs: number;
  clientCpuMs: number;
  statements: number;
  commits: number;
  syncs: number;
  /** Raw fsync'd commits per second on the same disk, measured right after this load. */
  raw: number;
}

const STEPS = ['checkout', 'page', 'phone', 'code', 'subscribe'] as const;

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'lava-bench-'));
  const load = os.loadavg()[0] ?? 0;
  const service = await startService(join(dir, 'data'));
  try {
    const levels = await runLoads(service, dir);
    printTable(levels, load);
  } finally {
    service.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runLoads(service: Service, dir: string): Promise<Level[]> {
  const merchant = JSON.parse(readFileSync(join(dir, 'data', 'dev-merchant.json'), 'utf8')) as {
    secretKey: string;
    planId: string;
  };
  const card = tokenizeTestCard(
    { number: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123' },
    new Date(),
  );
  if (!card.ok) throw new Error(`the test card's ${card.field} is wrong`);
  const paymentMethod = JSON.stringify({ payment_method: card.paymentMethod });
  const call = createClient(service.url);
  const numbers = phones();
  let made = 0;

  /** Customers with sessions minted as a merchant's backend mints them, before the clock runs. */
  const customers = async (count: number): Promise<Customer[]> =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const n = made++;
        const minted = await createCheckoutSession(
          { checkout_mode: 'subscription', origin_url: ORIGIN, plan_id: merchant.planId },
          { secretKey: merchant.secretKey, checkoutUrl: service.url.href },
        );
        const decoded = decodeCheckoutToken(minted.checkout_session_token);
        if (!decoded.ok) throw new Error(decoded.message);
        const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        return { secret: decoded.token.secret, phone: numbers.next().value as string, ip };
      }),
    );

  const stats = async () =>
    (
      JSON.parse((await call('dev/stats')).body) as {
        database: { statements: number; commits: number; syncs: number };
      }
    ).database;

  /** One customer's whole checkout, as the page makes it; returns each step's time, in ms. */
  async function checkout({ secret, phone, ip }: Customer): Promise<Record<string, number>> {
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${secret}`,
      'x-forwarded-for': ip,
    };
    const times: Record<string, number> = {};
    const timed = async (step: string, path: string, body?: string) => {
      const start = performance.now();
      const response = await call(path, body === undefined ? {} : headers, body);
      times[step] = performance.now() - start;
      if (response.status !== 200) throw new Error(`${step}: ${response.status} ${response.body}`);
    };
    await timed('page', `embed/checkout/${secret}`);
    await timed('phone', 'api/checkout/phone', JSON.stringify({ phone }));
    let code = service.codes.get(phone);
    for (let i = 0; !code && i < 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      code = service.codes.get(phone);
    }
    service.codes.delete(phone);
    await timed('code', 'api/checkout/code', JSON.stringify({ code }));
    await timed('subscribe', 'api/checkout/subscribe', paymentMethod);
    times.checkout = Object.values(times).reduce((a, b) => a + b, 0);
    return times;
  }

  // Warm the service (JIT, caches), as a running one is.
  for (const customer of await customers(40)) await checkout(customer);

  const levels: Level[] = [];
  for (const level of LEVELS) {
    const queue = await customers(LOAD_CHECKOUTS);
    const pid = service.child.pid ?? 0;
    const before = { cpu: cpuMs(pid), client: process.cpuUsage(), db: await stats() };
    const results: Record<string, number>[] = [];
    const start = performance.now();
    const deadline = start + LOAD_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: level }, async () => {
        for (let next = queue.pop(); next && performance.now() < deadline; next = queue.pop()) {
          results.push(await checkout(next));
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const client = process.cpuUsage(before.client);
    const after = { cpu: cpuMs(pid), db: await stats() };
    const n = results.length;
    const percentiles = (name: (typeof STEPS)[number]): [number, number] => {
      const values = results.map((r) => r[name] ?? 0);
      return [percentile(values, 50), percentile(values, 99)];
    };
    levels.push({
      customers: level,
      checkouts: n,
      perSecond: n / seconds,
      steps: Object.fromEntries(STEPS.map((name) => [name, percentiles(name)])) as Level['steps'],
      cpuMs: (after.cpu - before.cpu) / n,
      clientCpuMs: (client.user + client.system) / 1000 / n,
      statements: (after.db.statements - before.db.statements) / n,
      commits: (after.db.commits - before.db.commits) / n,
      syncs: (after.db.syncs - before.db.syncs) / n,
      // The disk is shared and its speed drifts: measured beside each load, not once.
      raw: rawCommitRate(dir),
    });
  }
  return levels;
}

function printTable(levels: Level[], load: number) {
  const header = [
    'customers',
    'checkouts/s',
    ...STEPS.map((step) => (step === 'checkout' ? 'checkout p50/p99 ms' : step)),
    'CPU ms/checkout',
    'client CPU ms',
    'statements',
    'commits',
    'disk commits',
    'raw commits/s',
    'ratio',
  ];
  const rows = levels.map((l) => [
    String(l.customers),
    l.perSecond.toFixed(0),
    ...STEPS.map((step) => l.steps[step].map((ms) => ms.toFixed(1)).join(' / ')),
    l.cpuMs.toFixed(2),
    l.clientCpuMs.toFixed(2),
    l.statements.toFixed(1),
    l.commits.toFixed(1),
    l.syncs.toFixed(2),
    l.raw.toFixed(0),
    (l.perSecond / l.raw).toFixed(3),
  ]);
  const best = levels.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const at16 = levels.find((l) => l.customers === 16);
  const bestRatio = Math.max(...levels.map((l) => l.perSecond / l.raw));
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    [
      `Checkout service on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, embedded database (WAL, synchronous=FULL); load average ${load.toFixed(2)} at the start`,
      '',
      ...markdownTable(header, rows),
      '',
      "Steps are p50 / p99 in ms (page: GET /embed/checkout/:secret). CPU is the service's, per completed checkout;",
      "disk commits are the fsync'd commits the database made for it; raw commits/s are single-row fsync'd commits",
      'on the same disk, measured right after each load; ratio is checkouts/s over raw commits/s.',
      '',
      `Targets: >= 360 checkouts/s (4x ~90): ${best.perSecond.toFixed(0)} at ${best.customers} customers, ${verdict(best.perSecond >= 360)};`,
      `  <= 2.5 ms of CPU per checkout there: ${best.cpuMs.toFixed(2)}, ${verdict(best.cpuMs <= 2.5)};`,
      at16
        ? `  p99 < 250 ms at 16 customers: ${at16.steps.checkout[1].toFixed(0)} ms, ${verdict(at16.steps.checkout[1] < 250)};`
        : '  p99 at 16 customers: not measured (BENCH_LEVELS);',
      `  <= 15 statements and <= 6 commits per checkout: ${best.statements.toFixed(1)} and ${best.commits.toFixed(1)}, ${verdict(best.statements <= 15.05 && best.commits <= 6.05)};`,
      `  >= 0.10 of the raw commit rate: ${bestRatio.toFixed(3)}, ${verdict(bestRatio >= 0.1)}.`,
    ].join('\n'),
  );
}

await main();
