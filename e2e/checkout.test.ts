import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FrameLocator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { payWith, verifyPhone } from './checkoutSteps.ts';
import { newTestPage } from './newTestPage.ts';
import { postForgedSuccesses } from './postForgedSuccesses.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';
import { startAttacker } from './startAttacker.ts';

const PHONE = '+1 415 555 0100';
const CUSTOMER_ID = /con_test_[0-9A-Z]{26}/;

let page: Page;

const e2e = setUpStackAndChromium('demo');

beforeEach(async () => {
  page = await newTestPage(e2e.browser);
});

afterEach(async () => {
  await page.close();
});

const subscriptionCount = () => {
  const db = new Database(join(e2e.stack.dataDir, 'checkout.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from subscriptions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Opens the demo, clicks Subscribe and returns the checkout frame. */
async function openCheckout(): Promise<FrameLocator> {
  await page.goto(`${e2e.stack.demoOrigin}/`);
  await page.getByRole('button', { name: /Subscribe/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Checkout' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close checkout' }).waitFor();
  return dialog.getByTitle('Checkout').contentFrame();
}

describe('the demo, in Chromium, with checkout and demo on two origins', () => {
  it('subscribes with 4242, shows the con_ id, and keeps it across a checkout restart', async () => {
    expect(new URL(e2e.stack.checkoutUrl).origin).not.toBe(e2e.stack.demoOrigin);
    // Script errors and Content-Security-Policy violations, in the page or the frame.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // Everything the browser sends to the checkout service, to look for the card number in.
    const sentToCheckout: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin === new URL(e2e.stack.checkoutUrl).origin) {
        sentToCheckout.push(`${request.url()} ${request.postData() ?? ''}`);
      }
    });
    const frame = await openCheckout();
    // The frame takes focus once ready: typing goes straight into the phone field.
    const phone = frame.getByRole('textbox', { name: 'Phone number' });
    await expect
      .poll(() => phone.evaluate((el) => el === document.activeElement && document.hasFocus()))
      .toBe(true);

    await verifyPhone(e2e.stack, frame, PHONE);
    await payWith(frame, '4242 4242 4242 4242');

    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    const idText = await page.getByText(CUSTOMER_ID).textContent();
    const customerId = CUSTOMER_ID.exec(idText ?? '')?.[0] ?? '';
    expect(customerId).toMatch(CUSTOMER_ID);
    await page.getByText('Confirmed by our server: Pro Plan, active.').waitFor();
    expect(
      await page
        .getByRole('button', { name: /Subscribe/ })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    expect(errors).toEqual([]);
    expect(sentToCheckout.some((line) => line.includes('/api/checkout/subscribe'))).toBe(true);
    expect(sentToCheckout.join('\n').replace(/\s/g, '')).not.toContain('4242424242424242');

    await e2e.stack.restartCheckout();
    const response = await fetch(`${e2e.stack.checkoutUrl}v1/customers/${customerId}`, {
      headers: { authorization: `Bearer ${e2e.stack.secretKey}` },
    });
    expect(await response.json()).toMatchObject({
      customer_id: customerId,
      contact: { phone: '+14155550100' },
      subscription: { plan_id: e2e.stack.planId, name: 'Pro Plan', status: 'active' },
    });
  });

  it('shows the brand the demo set through /v1: Acme AI’s name, logo and links', async () => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const frame = await openCheckout();
    const summary = frame.getByRole('region', { name: 'Order summary' });
    await summary.getByText('Acme AI', { exact: true }).waitFor();
    expect(await frame.getByText('Lava Demo Merchant').count()).toBe(0);
    // The logo loads from the demo's origin: the page's img-src lets it in. It has an empty alt
    // (the name beside it says the same), so no role finds it.
    const logo = summary.locator('img');
    expect(await logo.getAttribute('src')).toBe(`${e2e.stack.demoOrigin}/acme-logo.svg`);
    await expect
      .poll(() => logo.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    for (const [name, href] of [
      ['Terms', `${e2e.stack.demoOrigin}/terms`],
      ['Privacy', `${e2e.stack.demoOrigin}/privacy`],
      ['Support', 'mailto:support@acme.example.com'],
    ] as const) {
      const link = frame.getByRole('link', { name, exact: true });
      expect(await link.getAttribute('href')).toBe(href);
      expect(await link.getAttribute('target')).toBe('_blank');
    }
    expect(errors).toEqual([]);
  });

  it('shows a decline for 4000 0000 0000 0002 in the frame and stores no subscription', async () => {
    const before = subscriptionCount();
    const frame = await openCheckout();
    // A phone of its own: the first test's phone already has the plan, and is not charged again.
    await verifyPhone(e2e.stack, frame, '+1 415 555 0101');
    await payWith(frame, '4000 0000 0000 0002');

    const alert = frame.getByRole('alert').filter({ hasText: 'declined' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Your card was declined. Try another card.');
    expect(await page.getByRole('dialog', { name: 'Checkout' }).isVisible()).toBe(true);
    expect(subscriptionCount()).toBe(before);
    expect(await page.getByText(CUSTOMER_ID).count()).toBe(0);
  });

  it('ignores a success message posted by another origin, and still completes the real one', async () => {
    const forgedId = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';
    const attacker = await startAttacker(forgedId);
    try {
      const frame = await openCheckout();
      await frame.getByRole('textbox', { name: 'Phone number' }).waitFor();

      await postForgedSuccesses(page, attacker);

      expect(await page.getByText(forgedId).count()).toBe(0);
      expect(await page.getByRole('dialog', { name: 'Checkout' }).isVisible()).toBe(true);
      // Nor does the demo's backend confirm a session it did not mint.
      const confirmStatus = await page.evaluate(async () => {
        const response = await fetch('/api/checkout/confirm', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ checkoutSessionId: 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R' }),
        });
        return response.status;
      });
      expect(confirmStatus).toBe(404);

      // A phone of its own: the first test's phone is within its resend cool-down.
      await verifyPhone(e2e.stack, frame, '+1 415 555 0102');
      await payWith(frame, '4242 4242 4242 4242');
      await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
      await page.getByText(CUSTOMER_ID).waitFor();
      expect(await page.getByText(forgedId).count()).toBe(0);
    } finally {
      await attacker.close();
    }
  });
});
