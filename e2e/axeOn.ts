import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** The parts of the builder this file uses: typed private by the library. */
interface BuilderInternals {
  option: unknown;
  /** axe-core's source, as the builder injects it into every frame. */
  script(): string;
  finishRun(partials: unknown[]): Promise<AxeResults>;
}

/** axe in a page, as far as the kept page uses it. */
type WithAxe = typeof globalThis & {
  axe: {
    configure(options: { allowedOrigins: string[] }): void;
    finishRun(partials: unknown[], options: unknown): Promise<AxeResults>;
  };
};

/** Per browser: a blank page of its own context, axe loaded, where analyses are put together. */
const finishers = new WeakMap<Browser, Promise<Page>>();

function finisherOf(browser: Browser, source: string): Promise<Page> {
  let finisher = finishers.get(browser);
  if (!finisher) {
    finisher = (async () => {
      const context = await browser.newContext();
      const blank = await context.newPage();
      await blank.evaluate(source);
      await blank.evaluate(() => {
        (globalThis as WithAxe).axe.configure({ allowedOrigins: ['<unsafe_all_origins>'] });
      });
      return blank;
    })();
    finishers.set(browser, finisher);
  }
  return finisher;
}

/**
 * `new AxeBuilder({ page })`, whose last step (axe's `finishRun`, which puts the results of
 * every frame together) runs in one blank page kept for the browser, instead of in a new page
 * opened and closed for each analysis: that page was half of every analysis's time. What axe
 * checks, and in which frames, stays the library's own.
 */
export function axeOn(page: Page): AxeBuilder {
  const builder = new AxeBuilder({ page });
  const browser = page.context().browser();
  if (!browser) return builder;
  const internals = builder as unknown as BuilderInternals;
  internals.finishRun = async (partials) => {
    const finisher = await finisherOf(browser, internals.script());
    return finisher.evaluate(
      ({ partials, options }) => (globalThis as WithAxe).axe.finishRun(partials, options),
      { partials, options: internals.option },
    );
  };
  return builder;
}
