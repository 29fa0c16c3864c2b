import { createCheckoutSession } from '@lava-checkout/server';
import type { BrowserContext, FrameLocator, Locator, Page, Route } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutFrame, latestCode } from './checkoutSteps.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';

// The service renders the session's first step into the page, and the page's own code (its
// framework and every later step) loads after the first paint. Here that code's response is
// held back: the SDK must hear "ready", and the customer must be able to type, without it;
// once it arrives, nothing typed or pressed meanwhile may be lost.

let context: BrowserContext | undefined;
let phones = 0;

const e2e = setUpStackAndChromium('first-step', { checkoutEnv: { LAVA_TRUST_PROXY: '1' } });

afterEach(async () => {
  await context?.close();
  context = undefined;
});

interface HeldPage {
  page: Page;
  /** Resolves once the page has asked for its code (and is waiting for it). */
  requested: Promise<void>;
  /** Lets the held responses through. */
  release(): void;
}

/**
 * The demo's script-tag page, whose checkout frame gets every script but its entry (or, with
 * `entry`, its entry only) when the test releases them; with `fail`, never. Each test browses
 * from an address of its own.
 */
async function pageWithHeldCode(
  options: { fail?: boolean; entry?: boolean } = {},
): Promise<HeldPage> {
  phones += 1;
  context = await e2e.browser.newContext();
  const checkout = new URL(e2e.stack.checkoutUrl).origin;
  await context.route(`${checkout}/api/**`, (route) =>
    route.continue({
      headers: { ...route.request().headers(), 'x-forwarded-for': `198.51.100.${phones}` },
    }),
  );
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let requested = () => {};
  const asked = new Promise<void>((resolve) => {
    requested = resolve;
  });
  await context.route(`${checkout}/assets/*.js`, async (route: Route) => {
    // The entry (index-*.js) is the small script that answers the handshake.
    const entry = /\/index-[^/]*\.js$/.test(route.request().url());
    if (entry !== Boolean(options.entry)) return route.continue();
    requested();
    if (options.fail) return route.abort('connectionrefused');
    await released;
    await route.continue();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000); // waits end on the event; room for a loaded machine
  await page.goto(`${e2e.stack.demoOrigin}/script-tag.html`);
  await page.waitForFunction(() => 'LavaCheckout' in window);
  return { page, requested: asked, release };
}

async function open(page: Page): Promise<FrameLocator> {
  const session = await createCheckoutSession(
    { checkout_mode: 'subscription', origin_url: e2e.stack.demoOrigin, plan_id: e2e.stack.planId },
    { secretKey: e2e.stack.secretKey, checkoutUrl: e2e.stack.checkoutUrl },
  );
  await page.evaluate((token) => {
    const w = window as unknown as {
      LavaCheckout: { open(t: string, o: unknown): Promise<unknown> };
      lavaHeard: string[];
    };
    w.lavaHeard = [];
    void w.LavaCheckout.open(token, {
      onReady: () => w.lavaHeard.push('ready'),
      onStepChange: ({ step }: { step: string }) => w.lavaHeard.push(`step:${step}`),
    });
  }, session.checkout_session_token);
  return checkoutFrame(page, { takenOver: false });
}

/** The SDK's callbacks that have run, in order. */
const heard = (page: Page) =>
  page.evaluate(() => (window as unknown as { lavaHeard: string[] }).lavaHeard);

/** Marks the field the server rendered, to tell it from the one the page's code renders. */
const markServerField = (field: Locator) =>
  field.evaluate((el) => {
    (el as unknown as { rendered: string }).rendered = 'server';
  });
const renderedBy = (field: Locator) =>
  field.evaluate((el) => (el as unknown as { rendered?: string }).rendered ?? 'page');

/** The field's value, whether it has focus, and where its caret is. */
const state = (field: Locator) =>
  field.evaluate((el) => {
    const input = el as HTMLInputElement;
    return {
      value: input.value,
      focused: document.activeElement === input,
      caret: [input.selectionStart, input.selectionEnd],
    };
  });

describe("the first step before the page's code", () => {
  it('is ready and takes typing while the code is held back, and keeps it all when the code takes over', async () => {
    const { page, requested, release } = await pageWithHeldCode();
    const frame = await open(page);
    const field = frame.getByRole('textbox', { name: 'Phone number' });
    // The SDK heard "ready" and the phone step, and the page is still waiting for its code.
    await requested;
    await expect.poll(() => heard(page)).toEqual(['ready', 'step:phone']);
    await markServerField(field);
    await field.pressSequentially('20155501');
    // Typed as is: the as-you-type formatting is the page's code, which has not run.
    expect(await state(field)).toEqual({ value: '20155501', focused: true, caret: [8, 8] });
    expect(await renderedBy(field)).toBe('server');

    release();
    await expect.poll(() => renderedBy(field)).toBe('page');
    // The new field has what was typed, the focus and the caret: typing goes on where it was.
    expect(await state(field)).toEqual({ value: '20155501', focused: true, caret: [8, 8] });
    await page.keyboard.type('23');
    expect((await state(field)).value).toBe('(201) 555-0123');
    await frame.getByRole('button', { name: 'Send code' }).click();
    const code = frame.getByRole('textbox', { name: 'Verification code' });
    await code.waitFor();
    await expect.poll(() => latestCode(e2e.stack, '+12015550123')).toMatch(/^\d{6}$/);
  });

  it('sends the code when Enter was pressed before the code took over', async () => {
    const { page, requested, release } = await pageWithHeldCode();
    const frame = await open(page);
    const field = frame.getByRole('textbox', { name: 'Phone number' });
    await requested;
    await markServerField(field);
    await field.pressSequentially('2015550199');
    await field.press('Enter');
    // Held, not lost, and not sent by the browser itself: the step is still the phone's.
    expect(await renderedBy(field)).toBe('server');
    expect(await frame.getByRole('textbox', { name: 'Verification code' }).count()).toBe(0);

    release();
    await frame.getByRole('textbox', { name: 'Verification code' }).waitFor();
    await expect(frame.getByText('+1 201 555 0199').count()).resolves.toBe(1);
    expect(await latestCode(e2e.stack, '+12015550199')).toMatch(/^\d{6}$/);
  });

  it("says so when the page's code cannot load, after trying twice, and takes nothing more in", async () => {
    const { page } = await pageWithHeldCode({ fail: true });
    const requests: string[] = [];
    page.on('requestfailed', (request) => requests.push(request.url()));
    const frame = await open(page);
    const alert = frame.getByRole('alert').filter({ hasText: "The checkout couldn't load." });
    await alert.waitFor();
    expect(await alert.textContent()).toBe("The checkout couldn't load. Close it and try again.");
    expect(await frame.getByRole('textbox', { name: 'Phone number' }).isDisabled()).toBe(true);
    expect(await frame.getByRole('button', { name: 'Send code' }).isDisabled()).toBe(true);
    expect(requests.filter((url) => /\/assets\/takeOver-/.test(url))).toHaveLength(2);
  });

  it('shows the step and takes a click and typing before the handshake, its buttons disabled until the entry script runs', async () => {
    const { page, requested, release } = await pageWithHeldCode({ entry: true });
    const frame = await open(page);
    await requested;
    const field = frame.getByRole('textbox', { name: 'Phone number' });
    const send = frame.getByRole('button', { name: 'Send code' });
    await field.waitFor();
    expect(await send.isDisabled()).toBe(true);
    // No handshake without the entry: the SDK still waits, its notice under the frame. The
    // customer clicks the field where it shows (the mouse goes to whatever is on top) and types.
    expect(await heard(page)).toEqual([]);
    const box = await field.boundingBox();
    if (!box) throw new Error('the phone field has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.type('2015550177');
    expect(await field.inputValue()).toBe('2015550177');
    expect(await heard(page)).toEqual([]);

    release();
    await expect.poll(() => send.isDisabled()).toBe(false);
    await send.click();
    await frame.getByRole('textbox', { name: 'Verification code' }).waitFor();
    expect(await latestCode(e2e.stack, '+12015550177')).toMatch(/^\d{6}$/);
  });
});
