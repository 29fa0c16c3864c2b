import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lava } from '@lavapayments/nodejs';
import { Pool } from 'undici';
import { toCreditUnits } from '../src/server/credits/creditUnits.ts';
import { grantCredits } from '../src/server/credits/grantCredits.ts';
import { openDatabase } from '../src/server/platform/db/openDatabase.ts';
import { seedSubscriptions } from '../src/server/testing/seedSubscriptions.ts';
import { serviceEnv } from '../src/server/testing/serviceEnv.ts';
import { startFakeProvider } from '../src/server/testing/startFakeProvider.ts';
import { markdownTable } from './markdownTable.ts';

// `pnpm bench:gateway`: what the gateway adds to a call. A local fake OpenAI-shaped provider
// answers the same chat completion (whole, and streamed) sent to it directly and through the
// service's gateway, with billing on (a customer's forward token: reserve, relay, record,
// settle) and off (the secret key alone: relay, record). Sequentially: a warm-up, then rounds
// taking turns between the paths, the median of each path's round medians and the p99 of all;
// then at 64 in flight: requests per second and the service's CPU per request. Added latency
// is the gateway's figure less the direct one.
// BENCH_ONLY=<words> runs the direct path and the gateway paths whose name has them ("billing on").
// BENCH_PROFILE=<dir> writes the service's CPU profile there (node --cpu-prof) when it stops.

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 300);
const CONCURRENT = 64;
const CONCURRENT_REQUESTS = Number(process.env.BENCH_CONCURRENT_REQUESTS ?? 3000);
const CLOCK_TICK_MS = 1000 / 100;
const PROFILE = process.env.BENCH_PROFILE;
const ONLY = process.env.BENCH_ONLY;

const cpuMs = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(stat[11]) + Number(stat[12])) * CLOCK_TICK_MS;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

const fake = await startFakeProvider({ chunks: 5 });
const dataDir = mkdtempSync(join(os.tmpdir(), 'lava-bench-gateway-'));
const pageDir = join(dataDir, 'page');
mkdirSync(join(pageDir, 'assets'), { recursive: true });
writeFileSync(join(pageDir, 'index.html'), '<!doctype html><div id="root"></div>');
const child = spawn(
  process.execPath,
  [
    ...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : []),
    '--conditions=@lava-checkout/source',
    '--import',
    'tsx',
    join(APP_DIR, 'src/server/main.ts'),
  ],
  {
    cwd: APP_DIR,
    env: serviceEnv(
      { dataDir, pageDir },
      { LAVA_PROVIDER_OPENAI_URL: fake.url, LAVA_PROVIDER_OPENAI_KEY: fake.apiKey },
    ),
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
// Whatever happens, the service goes with the bench.
process.on('exit', () => child.kill('SIGKILL'));
process.on('uncaughtException', (error) => {
  console.error(error);
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error(error);
  process.exit(1);
});
child.stderr?.pipe(process.stderr);
const banner = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (/"Pro Plan" id:\s+\S+/.test(out)) resolve(out);
  });
  child.once('exit', (code) => reject(new Error(`the service exited (${code})`)));
});
const serviceUrl = /service: (\S+)/.exec(banner)?.[1] ?? '';
const secretKey = /test secret key: (\S+)/.exec(banner)?.[1] ?? '';
const planId = /"Pro Plan" id:\s+(\S+)/.exec(banner)?.[1] ?? '';

// A customer on the development plan with credit for the whole run, written beside the service.
const { db } = await openDatabase(join(dataDir, 'checkout.sqlite'));
const plan = await db
  .selectFrom('plans')
  .selectAll()
  .where('id', '=', planId)
  .executeTakeFirstOrThrow();
const at = new Date().toISOString();
const [subscriptionId = ''] = await seedSubscriptions(db, {
  merchant: { id: plan.merchant_id, environment: 'test' },
  // Its credit is the adjustment below, not the plan's.
  plan: { id: planId, included_credit: '0' },
  count: 1,
  card: 'pm_test.bench',
  cycleStartAt: at,
  cycleEndAt: at,
  prefix: 'bench',
});
const customerId = 'con_bench0';
await grantCredits(db, {
  merchant: { id: plan.merchant_id, environment: 'test' },
  customerId,
  subscriptionId,
  source: 'adjustment',
  amount: toCreditUnits(1_000_000),
  at: new Date(),
});
await db.destroy();

const lava = new Lava(secretKey, { baseUrl: `${serviceUrl}v1/` });
const token = lava.generateForwardToken({ customer_id: customerId, meter_slug: 'ai-chat-tokens' });
const direct = new Pool(fake.url, { connections: CONCURRENT });
const gateway = new Pool(serviceUrl, { connections: CONCURRENT });
const gatewayPath = new URL(`${lava.providers.openai}/chat/completions`);

type Target = { name: string; pool: Pool; path: string; key: string };
const paths: Target[] = [
  { name: 'direct', pool: direct, path: '/v1/chat/completions', key: fake.apiKey },
  {
    name: 'gateway, billing on',
    pool: gateway,
    path: `${gatewayPath.pathname}${gatewayPath.search}`,
    key: token,
  },
  {
    name: 'gateway, billing off',
    pool: gateway,
    path: `${gatewayPath.pathname}${gatewayPath.search}`,
    key: secretKey,
  },
];
const targets = paths.filter((t) => t.name === 'direct' || !ONLY || t.name.includes(ONLY));

/** One call: ms to the first byte of the body and to its end. */
async function call(target: Target, stream: boolean): Promise<{ first: number; full: number }> {
  const start = performance.now();
  const response = await target.pool.request({
    method: 'POST',
    path: target.path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello!' }],
      max_tokens: 256,
      ...(stream ? { stream: true } : {}),
    }),
  });
  let first = 0;
  for await (const _chunk of response.body) {
    if (first === 0) first = performance.now() - start;
  }
  if (response.statusCode !== 200)
    throw new Error(`${target.name} answered ${response.statusCode}`);
  return { first, full: performance.now() - start };
}

interface Sequential {
  p50: number;
  p99: number;
}
/**
 * Each target in turn, a round of each after the other (direct, gateway, direct, gateway…), so
 * that what the machine does meanwhile falls on every target alike: each round's median, then
 * the median of those; and the p99 of every call.
 */
async function sequential(list: Target[], stream: boolean): Promise<Map<string, Sequential>> {
  const pick = (r: { first: number; full: number }) => (stream ? r.first : r.full);
  for (const target of list) for (let i = 0; i < WARMUP; i++) await call(target, stream);
  const medians = new Map(list.map((t) => [t.name, [] as number[]]));
  const all = new Map(list.map((t) => [t.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of list) {
      const times: number[] = [];
      for (let i = 0; i < PER_ROUND; i++) times.push(pick(await call(target, stream)));
      medians.get(target.name)?.push(quantile(times, 0.5));
      all.get(target.name)?.push(...times);
    }
  }
  return new Map(
    list.map((t) => [
      t.name,
      { p50: quantile(medians.get(t.name) ?? [], 0.5), p99: quantile(all.get(t.name) ?? [], 0.99) },
    ]),
  );
}

async function concurrent(target: Target, stream: boolean) {
  let next = 0;
  const cpuBefore = cpuMs(child.pid ?? 0);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (next++ < CONCURRENT_REQUESTS) await call(target, stream);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = cpuMs(child.pid ?? 0) - cpuBefore;
  return {
    rps: CONCURRENT_REQUESTS / seconds,
    cpuPerRequest: target.name === 'direct' ? Number.NaN : cpu / CONCURRENT_REQUESTS,
  };
}

const rows: string[][] = [];
const fmt = (n: number, digits = 2) => (Number.isNaN(n) ? '-' : n.toFixed(digits));
for (const stream of [false, true]) {
  const results = await sequential(targets, stream);
  const base = results.get('direct') as Sequential;
  for (const target of targets) {
    const seq = results.get(target.name) as Sequential;
    const load = await concurrent(target, stream);
    rows.push([
      stream ? 'streamed (first byte)' : 'whole answer',
      target.name,
      fmt(seq.p50, 3),
      fmt(seq.p99, 3),
      target.name === 'direct' ? '-' : fmt(seq.p50 - base.p50, 3),
      target.name === 'direct' ? '-' : fmt(seq.p99 - base.p99, 3),
      fmt(load.rps, 0),
      fmt(load.cpuPerRequest, 3),
    ]);
  }
}
const header = [
  'answer',
  'path',
  'p50 ms',
  'p99 ms',
  'added p50',
  'added p99',
  `req/s @${CONCURRENT}`,
  'service CPU ms/req',
];
console.log(
  `\nGateway overhead, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''}; sequential: ${WARMUP} warm-up, ${ROUNDS} rounds of ${PER_ROUND} (median of round medians; p99 of all); ${CONCURRENT_REQUESTS} requests at ${CONCURRENT} in flight.\n`,
);
for (const line of markdownTable(header, rows)) console.log(line);

await direct.close();
await gateway.close();
const stopped = new Promise((resolve) => child.once('exit', resolve));
child.kill('SIGTERM');
await stopped;
await fake.close();
