import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Frame, Page } from 'playwright-core';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** The parts of the builder this file uses: typed private by the library. */
interface BuilderInternals {
  option: unknown;
  /** axe-core's source, as the builder injects it into every frame. */
  script(): string;
  /** The `axe.configure(...)` call the builder makes in every frame it injects. */
  axeConfigure(): Promise<string>;
  inject(frames: Frame[], shouldThrow?: boolean): Promise<void>;
  finishRun(partials: unknown[]): Promise<AxeResults>;
}

/** axe in a page, as far as the kept page uses it. */
type WithAxe = typeof globalThis & {
  axe?: {
    runPartial?: unknown;
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
        (globalThis as WithAxe).axe?.configure({ allowedOrigins: ['<unsafe_all_origins>'] });
      });
      return blank;
    })();
    finishers.set(browser, finisher);
  }
  return finisher;
}

/**
 * Loads axe into each frame that does not have it yet, then configures it there as the library
 * does. The library loads it into every frame again on every analysis, and gives up on a frame
 * that takes more than a second, leaving that frame out of the results without a word: on a
 * loaded machine the checkout's frame went unchecked.
 */
async function inject(internals: BuilderInternals, frames: Frame[], shouldThrow = false) {
  for (const frame of frames) {
    try {
      const loaded = await frame.evaluate(
        () => typeof (globalThis as WithAxe).axe?.runPartial === 'function',
      );
      if (!loaded) await frame.evaluate(internals.script());
      await frame.evaluate(await internals.axeConfigure());
    } catch (error) {
      if (shouldThrow) throw error;
    }
  }
}

/**
 * `new AxeBuilder({ page })`, whose last step (axe's `finishRun`, which puts the results of
 * every frame together) runs in one blank page kept for the browser, instead of in a new page
 * opened and closed for each analysis: that page was half of every analysis's time. Frames get
 * axe through `inject` above. What axe checks, and in which frames, stays the library's own.
 */
export function axeOn(page: Page): AxeBuilder {
  const builder = new AxeBuilder({ page });
  const browser = page.context().browser();
  if (!browser) return builder;
  const internals = builder as unknown as BuilderInternals;
  internals.inject = (frames, shouldThrow) => inject(internals, frames, shouldThrow);
  internals.finishRun = async (partials) => {
    const finisher = await finisherOf(browser, internals.script());
    return finisher.evaluate(
      ({ partials, options }) => {
        const { axe } = globalThis as WithAxe;
        if (!axe) throw new Error('axe did not load in the page that finishes its analyses.');
        return axe.finishRun(partials, options);
      },
      { partials, options: internals.option },
    );
  };
  return builder;
}
