import { encodeCheckoutToken } from '@lava-checkout/protocol';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkoutFrame, payWith, recordEvents, verifyPhone } from './checkoutSteps.ts';
import { postForgedSuccesses } from './postForgedSuccesses.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';
import { startAttacker } from './startAttacker.ts';

const CUSTOMER_ID = /con_test_[0-9A-Z]{26}/;

let page: Page;
let errors: string[] = [];

const e2e = setUpStackAndChromium('tag');

beforeEach(async () => {
  page = await e2e.browser.newPage();
  page.setDefaultTimeout(20_000); // waits end on the event; room for a loaded machine
  errors = [];
  // Console errors of the page and of the checkout frame inside it, CSP violations included.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
});

afterEach(async () => {
  await page.close();
});

const openScriptTagPage = async () => {
  await page.goto(`${e2e.stack.demoOrigin}/script-tag.html`);
  await page.waitForFunction(() => 'LavaCheckout' in window);
};

/** A fresh session token from the demo's endpoint, as the declarative button gets one. */
const mintToken = () =>
  page.evaluate(async () => {
    const response = await fetch('/api/checkout-session', { method: 'POST' });
    return ((await response.json()) as { checkout_session_token: string }).checkout_session_token;
  });

describe('the demo page that uses only the script tag, in Chromium across two origins', () => {
  it('completes a checkout through <button data-lava-checkout>; the success screen shows before the overlay closes, then lava-checkout:success fires once', async () => {
    await openScriptTagPage();
    const events = await recordEvents(page);
    const subscribe = page.getByRole('button', { name: 'Subscribe to Pro Plan' });
    await subscribe.click();
    const frame = await checkoutFrame(page);
    await verifyPhone(e2e.stack, frame, '+1 415 555 0100');
    await payWith(frame, '4242 4242 4242 4242');

    await frame.getByRole('heading', { name: "You're subscribed" }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Checkout' }).isVisible()).toBe(true);
    expect((await events()).filter((e) => e.type === 'success')).toEqual([]);

    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    const successes = (await events()).filter((e) => e.type === 'success');
    expect(successes).toEqual([
      {
        type: 'success',
        detail: {
          checkoutSessionId: expect.stringMatching(/^cs_test_/),
          customerId: expect.stringMatching(CUSTOMER_ID),
          connectionId: expect.stringMatching(CUSTOMER_ID),
        },
        overlayOnPage: false,
      },
    ]);
    await page.getByText('Confirmed by our server: Pro Plan, active.').waitFor();
    expect(await subscribe.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await events()).map((e) => e.type)).toEqual([
      'ready',
      'step',
      'step',
      'step',
      'step',
      'success',
    ]);
    expect(errors).toEqual([]);
  });

  it('fires no lava-checkout:success for a success forged by another origin', async () => {
    const attacker = await startAttacker('con_test_01KK2NQPKARMY7D3HK65C2ZSYK');
    // The page's CSP would refuse the attacker's frame; this test is about the messages.
    await page.close();
    page = await e2e.browser.newPage({ bypassCSP: true });
    try {
      await openScriptTagPage();
      const events = await recordEvents(page);
      await page.getByRole('button', { name: 'Subscribe to Pro Plan' }).click();
      const frame = await checkoutFrame(page);
      await frame.getByRole('textbox', { name: 'Phone number' }).waitFor();
      await postForgedSuccesses(page, attacker);
      expect((await events()).filter((e) => e.type === 'success')).toEqual([]);
      expect(await page.getByRole('dialog', { name: 'Checkout' }).isVisible()).toBe(true);
    } finally {
      await attacker.close();
    }
  });

  it('after preload(), open() makes no new request for the page and is ready at once', async () => {
    await openScriptTagPage();
    const token = await mintToken();
    const pageRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/embed/checkout/')) pageRequests.push(request.url());
    });
    expect(await page.evaluate((t) => window.LavaCheckout?.preload(t), token)).toBe(true);
    expect(pageRequests).toHaveLength(1);
    const readyInOpen = await page.evaluate((t) => {
      let ready = false;
      void window.LavaCheckout?.open(t, {
        onReady: () => {
          ready = true;
        },
      });
      return ready;
    }, token);
    expect(readyInOpen).toBe(true);
    const frame = await checkoutFrame(page);
    await frame.getByRole('textbox', { name: 'Phone number' }).fill('+1 415 555 0199');
    expect(pageRequests).toHaveLength(1);
  });

  it('trusts only tokens for the checkout origin it was served from', async () => {
    await openScriptTagPage();
    // The same service under another name is another origin: a token for it is refused.
    const elsewhere = `http://localhost:${new URL(e2e.stack.checkoutUrl).port}/`;
    const token = encodeCheckoutToken({ secret: 'css_test_abcdefghijklmnop', base: elsewhere });
    const result = await page.evaluate((t) => window.LavaCheckout?.open(t), token);
    expect(result).toMatchObject({
      status: 'error',
      error: {
        code: 'invalid_token',
        message: expect.stringContaining(
          `which this page does not trust (${new URL(e2e.stack.checkoutUrl).origin})`,
        ),
      },
    });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('lava-checkout'))).toBeNull();
  });

  it('makes the page dark with a dark appearance', async () => {
    await openScriptTagPage();
    const token = await mintToken();
    await page.evaluate(
      (t) => void window.LavaCheckout?.open(t, { appearance: { theme: 'dark' } }),
      token,
    );
    const frame = await checkoutFrame(page);
    const phone = frame.getByRole('textbox', { name: 'Phone number' });
    await phone.waitFor();
    await expect
      .poll(() =>
        phone.evaluate((el) => getComputedStyle(el.ownerDocument.documentElement).backgroundColor),
      )
      .toBe('rgb(22, 21, 26)');
    expect(errors).toEqual([]);
  });

  it("follows the customer's dark setting without an appearance, in the page and the overlay", async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openScriptTagPage();
    const token = await mintToken();
    await page.evaluate((t) => void window.LavaCheckout?.open(t), token);
    const frame = await checkoutFrame(page);
    const html = frame.locator('html');
    // The SDK's hello has reached the page, which took its theme from it.
    await expect.poll(() => html.getAttribute('data-theme')).toBe('system');
    expect(await html.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(22, 21, 26)',
    );
    const panel = await page
      .getByTitle('Checkout')
      .evaluate((el) => getComputedStyle(el.parentElement as HTMLElement).backgroundColor);
    expect(panel).toBe('rgb(22, 21, 26)');
    expect(errors).toEqual([]);
  });

  it('refuses an appearance value containing url( with one console error, and keeps the default', async () => {
    await openScriptTagPage();
    const token = await mintToken();
    await page.evaluate(
      (t) =>
        void window.LavaCheckout?.open(t, {
          appearance: { variables: { colorPrimary: 'url(https://evil.example/x.png)' } },
        }),
      token,
    );
    const frame = await checkoutFrame(page);
    const send = frame.getByRole('button', { name: 'Send code' });
    await send.waitFor();
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toBe(
      'Lava Checkout: appearance.variables.colorPrimary must not contain "url(", so the default is used there. Give colours as hex or rgb(), lengths in px or rem, and fonts as plain family names.',
    );
    expect(await send.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(194, 65, 12)',
    );
    await page.waitForTimeout(300);
    expect(errors).toHaveLength(1);
  });
});
