import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildMerchantPage } from '../e2e/buildMerchantPage.ts';
import { freePort } from '../e2e/freePort.ts';
import { launchChromium } from '../e2e/launchChromium.ts';
import { startMerchantPage } from '../e2e/startMerchantPage.ts';
import { startStack } from './startStack.ts';

// `pnpm bench:open`: how long open() takes to a checkout that takes input, for our SDK and
// for the published @lavapayments/checkout 0.1.3 hook, on one merchant page (bench/open)
// and one checkout service on loopback, in Chromium. A benchmark, not a test: it prints a table.

const RUNS = Number(process.env.RUNS ?? 20);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE_DIR = join(ROOT, 'bench', 'open');

// In every frame: the checkout frame says when its phone field is on screen and enabled (the
// customer can type), and the merchant page notes the time it hears that, on its own clock.
// The field is watched from the moment the frame's document exists: the service renders it
// into the HTML, where it takes typing before any of the page's code has run. The page's code
// later puts its own field in place of the server's (it carries what was typed over): the
// field watched is always the one in the document, so a frame shown after that is seen too.
const INIT_SCRIPT = `(() => {
  if (window.top === window) {
    window.addEventListener('message', (event) => {
      if (!event.data || !event.data.lavaBenchReady || window.__readyAt !== undefined) return;
      window.__readyAt = performance.now();
      window.__phases = event.data.phases;
    });
    return;
  }
  if (!location.pathname.includes('/embed/checkout/')) return;
  const now = () => performance.timeOrigin + performance.now();
  let watched = null;
  let fieldSeenAt = null;
  const visible = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting && e.target === watched)) return;
    visible.disconnect();
    changes.disconnect();
    // Where the time went, on the one clock of every frame (timeOrigin + now: wall time).
    const nav = performance.getEntriesByType('navigation')[0];
    const at = (t) => (t ? performance.timeOrigin + t : null);
    parent.postMessage({
      lavaBenchReady: true,
      phases: {
        'frame navigation starts': performance.timeOrigin,
        'its connection is open': at(nav && nav.connectEnd),
        'its request is sent': at(nav && nav.requestStart),
        'its HTML arrives': at(nav && nav.responseStart),
        'the field is in the page': fieldSeenAt,
        'the page has parsed (DOM interactive)': at(nav && nav.domInteractive),
        'the field is on screen': now(),
      },
    }, '*');
  });
  const watch = () => {
    const field = document.querySelector('input[type="tel"]');
    if (!field || field.disabled || field === watched) return;
    if (watched) visible.unobserve(watched);
    watched = field;
    fieldSeenAt ??= now();
    visible.observe(field);
  };
  const changes = new MutationObserver(watch);
  changes.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  watch();
})();`;

interface Sample {
  /** open() to the phone field on screen, enabled: the customer can type. */
  ready: number;
  /** open() to the frame's request starting. */
  request: number | null;
  /** open() to onReady, the page's answer to the handshake (ours only). */
  handshake: number | null;
  /** open() to each step on the way, as the frame's page and this page saw it. */
  phases: Record<string, number | null>;
}

const stack = await startStack({
  checkoutPort: await freePort(),
  demoPort: await freePort(),
  dataDir: mkdtempSync(join(tmpdir(), 'lava-bench-open-')),
  output: () => {},
});
await buildMerchantPage(PAGE_DIR, 'Lava Checkout open() benchmark', {
  resolve: { conditions: ['@lava-checkout/source', 'module', 'browser', 'production'] },
});
const merchant = await startMerchantPage(join(PAGE_DIR, 'dist'), stack);

const browser: Browser = await launchChromium();

async function newBenchPage(): Promise<{ page: Page; done: () => Promise<void> }> {
  const context = await browser.newContext();
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  await page.goto(
    `${merchant.origin}/?checkout=${encodeURIComponent(new URL(stack.checkoutUrl).origin)}`,
  );
  await page.waitForFunction(() => 'bench' in window);
  return { page, done: () => context.close() };
}

const token = (page: Page) =>
  page.evaluate(
    async () =>
      ((await (await fetch('/token', { method: 'POST' })).json()) as { token: string }).token,
  );

/** Calls open, then waits until the frame's phone field is on screen. */
async function timeOpen(page: Page, call: 'open' | 'openPublished', t: string): Promise<Sample> {
  const openAt = await page.evaluate(
    ({ call, t }) => {
      delete (window as unknown as { __readyAt?: number }).__readyAt;
      delete (window as unknown as { __sdkReadyAt?: number }).__sdkReadyAt;
      performance.clearResourceTimings();
      const at = performance.now();
      window.bench[call](t);
      return at;
    },
    { call, t },
  );
  // Both are ready when the field is on screen: nothing covers a frame that has painted (our
  // loading notice lies under it). Ours also reports when the page answered its handshake,
  // which it waits for too, so that the next open starts from a settled page.
  await page.waitForFunction((ours) => {
    const w = window as unknown as { __readyAt?: number; __sdkReadyAt?: number };
    return w.__readyAt !== undefined && (!ours || w.__sdkReadyAt !== undefined);
  }, call === 'open');
  return page.evaluate((openAt) => {
    const w = window as unknown as {
      __readyAt: number;
      __sdkReadyAt?: number;
      __phases: Record<string, number | null>;
    };
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const frame = resources.find((entry) => entry.name.includes('/embed/checkout/'));
    const chunk = resources.find((entry) => /overlay/i.test(entry.name));

    return {
      ready: w.__readyAt - openAt,
      request: frame ? frame.startTime - openAt : null,
      handshake: w.__sdkReadyAt === undefined ? null : w.__sdkReadyAt - openAt,
      phases: {
        "the overlay's chunk has loaded": chunk ? chunk.responseEnd - openAt : null,
        ...Object.fromEntries(
          Object.entries(w.__phases).map(([k, v]) => [
            k,
            v === null ? null : v - performance.timeOrigin - openAt,
          ]),
        ),
        'this page hears it': w.__readyAt - openAt,
      },
    };
  }, openAt);
}

/** Closes the published hook's overlay with the frame's own Cancel button. */
async function closePublished(page: Page) {
  const frame = page.frames().find((f) => f.url().includes('/embed/checkout/'));
  await frame?.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => !document.querySelector('iframe'));
}

const samples: Record<string, Sample[]> = {
  oursCold: [],
  oursSecond: [],
  oursPreloaded: [],
  publishedCold: [],
  publishedSecond: [],
};
for (let run = 0; run < RUNS; run += 1) {
  {
    const { page, done } = await newBenchPage();
    samples.oursCold?.push(await timeOpen(page, 'open', await token(page)));
    await page.evaluate(() => window.bench.close());
    await page.waitForFunction(() => !document.querySelector('lava-checkout'));
    samples.oursSecond?.push(await timeOpen(page, 'open', await token(page)));
    await page.evaluate(() => window.bench.close());
    await page.waitForFunction(() => !document.querySelector('lava-checkout'));
    const preloaded = await token(page);
    await page.evaluate((t) => window.bench.preload(t), preloaded);
    samples.oursPreloaded?.push(await timeOpen(page, 'open', preloaded));
    await done();
  }
  {
    const { page, done } = await newBenchPage();
    samples.publishedCold?.push(await timeOpen(page, 'openPublished', await token(page)));
    await closePublished(page);
    samples.publishedSecond?.push(await timeOpen(page, 'openPublished', await token(page)));
    await done();
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const cell = (list: Sample[] | undefined, key: keyof Sample) => {
  const values = (list ?? []).map((s) => s[key]).filter((v): v is number => v !== null);
  if (values.length === 0) return 'n/a';
  return `${quantile(values, 0.5).toFixed(0)} / ${quantile(values, 0.9).toFixed(0)} ms`;
};

const version = browser.version();
console.log(
  [
    '',
    `open() benchmark, ${RUNS} runs each, median / p90 (loopback; ${cpus().length} × ${cpus()[0]?.model.trim()}, Chromium ${version}, Node ${process.version})`,
    '',
    '| open() to the phone field taking input | @lava-checkout/react | @lavapayments/checkout 0.1.3 |',
    '| --- | --- | --- |',
    `| cold (first open in a fresh browser context) | ${cell(samples.oursCold, 'ready')} | ${cell(samples.publishedCold, 'ready')} |`,
    `| second open in the same page | ${cell(samples.oursSecond, 'ready')} | ${cell(samples.publishedSecond, 'ready')} |`,
    `| after preload() | ${cell(samples.oursPreloaded, 'ready')} | no preload() |`,
    `| open() to the frame's request starting, cold | ${cell(samples.oursCold, 'request')} | ${cell(samples.publishedCold, 'request')} |`,
    `| open() to onReady (the handshake answered), cold | ${cell(samples.oursCold, 'handshake')} | no handshake |`,
    '',
  ].join('\n'),
);
// Where the time goes: open() to each step on the way, medians. A preloaded frame's page
// loaded before open(), so its steps come out negative.
const phaseNames = [
  ...new Set(Object.values(samples).flatMap((l) => l.flatMap((s) => Object.keys(s.phases)))),
];
const phaseCell = (list: Sample[] | undefined, name: string) => {
  const values = (list ?? [])
    .map((s) => s.phases[name])
    .filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? '' : `${quantile(values, 0.5).toFixed(0)}`;
};
const columns = Object.keys(samples);
const LABELS: Record<string, string> = {
  oursCold: 'ours, cold',
  oursSecond: 'ours, second',
  oursPreloaded: 'ours, after preload()',
  publishedCold: 'published, cold',
  publishedSecond: 'published, second',
};
console.log(
  [
    `| open() to (median, ms) | ${columns.map((c) => LABELS[c] ?? c).join(' | ')} |`,
    `| --- |${columns.map(() => ' --- |').join('')}`,
    ...phaseNames.map(
      (name) => `| ${name} | ${columns.map((c) => phaseCell(samples[c], name)).join(' | ')} |`,
    ),
    '',
  ].join('\n'),
);

await browser.close();
await merchant.close();
await stack.stop();
