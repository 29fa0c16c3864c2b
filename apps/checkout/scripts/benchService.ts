import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { createCheckoutSession } from '@lava-checkout/server';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { tokenizeTestCard } from '../src/page/payments/tokenizeTestCard.ts';

// `pnpm bench:service`: completed checkouts per second against the compiled checkout service on
// loopback, at 1, 4, 16 and 64 concurrent customers, with the CPU, statements and commits each
// checkout costs, beside the raw rate of fsync'd single-row commits on the same disk.
// Each load stops by itself after LOAD_SECONDS or LOAD_CHECKOUTS checkouts.

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const LEVELS = (process.env.BENCH_LEVELS ?? '1,4,16,64').split(',').map(Number);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const LOAD_CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 2000);
const ORIGIN = 'http://localhost:4000';
const CLOCK_TICK_MS = 10;

/** Ticks of CPU (user + system) a process has used, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

/** Single-row commits per second on this disk, fsync'd as the service's are (WAL, FULL). */
function rawCommitRate(dir: string, seconds = 3): number {
  const db = new Database(join(dir, 'raw-commits.sqlite'));
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
  url: string;
  codes: Map<string, string>;
}

async function startService(dataDir: string): Promise<Service> {
  // BENCH_PROFILE=<dir> writes a CPU profile of the service there, to see where time goes.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, join(APP_DIR, 'dist/server/main.js')], {
    env: {
      ...process.env,
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
      if (url) resolve({ child, url, codes });
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  });
}

/** A distinct valid US mobile-or-landline number for each checkout. */
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

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'lava-bench-'));
  const service = await startService(join(dir, 'data'));
  const merchant = JSON.parse(readFileSync(join(dir, 'data', 'dev-merchant.json'), 'utf8')) as {
    secretKey: string;
    planId: string;
  };
  const card = tokenizeTestCard(
    { number: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123' },
    new Date(),
  );
  if (!card.ok) throw new Error(card.message);
  const paymentMethod = card.paymentMethod;
  const numbers = phones();
  let customer = 0;

  const stats = async () =>
    (
      (await (await fetch(`${service.url}dev/stats`)).json()) as {
        database: { statements: number; commits: number };
      }
    ).database;

  /** One customer's whole checkout; returns the time each step took, in ms. */
  async function checkout(): Promise<Record<string, number>> {
    const phone = numbers.next().value as string;
    const ip = `10.${(customer >> 16) & 255}.${(customer >> 8) & 255}.${customer & 255}`;
    customer += 1;
    const minted = await createCheckoutSession(
      { checkout_mode: 'subscription', origin_url: ORIGIN, plan_id: merchant.planId },
      { secretKey: merchant.secretKey, checkoutUrl: service.url },
    );
    const decoded = decodeCheckoutToken(minted.checkout_session_token);
    if (!decoded.ok) throw new Error(decoded.message);
    const { secret } = decoded.token;
    const times: Record<string, number> = {};
    const timed = async (step: string, run: () => Promise<Response>) => {
      const start = performance.now();
      const response = await run();
      await response.arrayBuffer();
      times[step] = performance.now() - start;
      if (!response.ok) throw new Error(`${step}: ${response.status}`);
    };
    const post = (path: string, body: unknown) =>
      fetch(`${service.url}api/checkout/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${secret}`,
          'x-forwarded-for': ip,
        },
        body: JSON.stringify(body),
      });
    await timed('page', () => fetch(`${service.url}embed/checkout/${secret}`));
    await timed('phone', () => post('phone', { phone }));
    let code = service.codes.get(phone);
    for (let i = 0; !code && i < 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      code = service.codes.get(phone);
    }
    service.codes.delete(phone);
    await timed('code', () => post('code', { code }));
    await timed('subscribe', () => post('subscribe', { payment_method: paymentMethod }));
    times.checkout = Object.values(times).reduce((a, b) => a + b, 0);
    return times;
  }

  // Warm the service (JIT, caches), as a running one is.
  for (let i = 0; i < 20; i++) await checkout();

  const rows: string[][] = [];
  for (const level of LEVELS) {
    const before = { cpu: cpuMs(service.child.pid ?? 0), db: await stats() };
    const results: Record<string, number>[] = [];
    const start = performance.now();
    const deadline = start + LOAD_SECONDS * 1000;
    let started = 0;
    await Promise.all(
      Array.from({ length: level }, async () => {
        while (performance.now() < deadline && started < LOAD_CHECKOUTS) {
          started += 1;
          results.push(await checkout());
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const after = { cpu: cpuMs(service.child.pid ?? 0), db: await stats() };
    const n = results.length;
    const step = (name: string) => {
      const values = results.map((r) => r[name] ?? 0);
      return `${percentile(values, 50).toFixed(1)} / ${percentile(values, 99).toFixed(1)}`;
    };
    rows.push([
      String(level),
      String(n),
      (n / seconds).toFixed(0),
      step('checkout'),
      step('page'),
      step('phone'),
      step('code'),
      step('subscribe'),
      ((after.cpu - before.cpu) / n).toFixed(2),
      ((after.db.statements - before.db.statements) / n).toFixed(1),
      ((after.db.commits - before.db.commits) / n).toFixed(1),
    ]);
  }
  service.child.kill('SIGTERM');
  const raw = rawCommitRate(dir);
  rmSync(dir, { recursive: true, force: true });

  const header = [
    'customers',
    'checkouts',
    'checkouts/s',
    'checkout p50/p99 ms',
    'page',
    'phone',
    'code',
    'subscribe',
    'CPU ms/checkout',
    'statements',
    'commits',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const best = Math.max(...rows.map((r) => Number(r[2])));
  console.log(
    [
      `Checkout service on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, embedded database`,
      '',
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
      '',
      `raw fsync'd single-row commits/s on the same disk: ${raw.toFixed(0)}`,
      `best checkouts/s over raw commits/s: ${(best / raw).toFixed(3)}`,
      'Step times are p50 / p99 in ms; the page step is GET /embed/checkout/:secret.',
    ].join('\n'),
  );
}

await main();
