import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTestPaymentProcessor } from '../payments/createTestPaymentProcessor.ts';
import type { PaymentProcessor } from '../payments/PaymentProcessor.ts';
import { startWorker } from '../startWorker.ts';
import { testConfig } from './startTestService.ts';

/** Where the process kills itself: at its `nth` call of `method` to the processor, before or after it. */
export interface KillPoint {
  method: 'createCharge' | 'confirmCharge';
  nth: number;
  when: 'before' | 'after';
}

/** What the renewal crash test hands its worker process, as JSON on its `start` line. */
export interface RenewalCrashOptions {
  dataDir: string;
  pageDir: string;
  /** The clock's time at start, in ms; it stands still until the test moves it. */
  now: number;
  /** Each processor call's time, in ms. */
  latencyMs: number;
  killAt: KillPoint | null;
}

// The service's jobs in a process of their own (the worker), for the renewal crash test. Its code
// loads first, so the test can start the next process while the last one runs; it touches
// nothing until a `start <options JSON>` line on its input. Then it starts the worker: the
// development configuration, on a clock that only the test moves, with the test processor (its
// ledger in the data folder), and prints `ready` once its jobs run. Each `advance <ms>` line
// moves its clock and runs what became due (renewals, after recovery), as `POST /dev/clock`
// does, and it answers `ran`. It prints `confirmed <n>` after the n-th charge it confirmed; with
// `killAt`, it says `killed <method> <when>` and SIGKILLs itself at that processor call: the
// exact moments a crash can fall between (claimed, created, confirmed but not recorded).
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
let first = await lines.next();
while (!first.done && !first.value.startsWith('start ')) first = await lines.next();
if (first.done) process.exit(0);
const options = JSON.parse(first.value.slice('start '.length)) as RenewalCrashOptions;
const now = () => new Date(options.now);
// The worker's clock once it runs (moved by `advance`), for the cards' expiry.
let clock = now;
const processor = createTestPaymentProcessor({
  ledgerFile: join(options.dataDir, 'test-processor.sqlite'),
  latencyMs: options.latencyMs,
  now: () => clock(),
});
const calls = { createCharge: 0, confirmCharge: 0 };
const killAt = (method: KillPoint['method'], nth: number, when: KillPoint['when']) => {
  const at = options.killAt;
  if (at?.method === method && at.nth === nth && at.when === when) {
    // Pipes are written synchronously on Linux: the line is out before the process dies.
    process.stdout.write(`killed ${method} ${when}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
};
const counted =
  <A extends unknown[], R>(method: KillPoint['method'], call: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    calls[method] += 1;
    const nth = calls[method];
    killAt(method, nth, 'before');
    const result = await call(...args);
    if (method === 'confirmCharge') process.stdout.write(`confirmed ${nth}\n`);
    killAt(method, nth, 'after');
    return result;
  };
const payments: PaymentProcessor = {
  ...processor,
  createCharge: counted('createCharge', processor.createCharge),
  confirmCharge: counted('confirmCharge', processor.confirmCharge),
};
const worker = await startWorker({
  config: testConfig({ dataDir: options.dataDir, pageDir: options.pageDir }),
  parts: { now, payments, log: () => {}, webhookPollMs: 0 },
});
clock = worker.services.now;
process.stdout.write('ready\n');
for (let next = await lines.next(); !next.done; next = await lines.next()) {
  const line = next.value;
  const advance = /^advance (\d+)$/.exec(line)?.[1];
  if (advance === undefined) continue;
  worker.services.clock.advance(Number(advance));
  await worker.jobs.runOnce();
  process.stdout.write('ran\n');
}
