import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subscribeOnDemo } from './checkoutSteps.ts';
import { newTestPage } from './newTestPage.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';

let page: Page;
let customerId: string;
let requests = 0;

const e2e = setUpStackAndChromium('balance');

beforeEach(async () => {
  page = await newTestPage(e2e.browser);
});

afterEach(async () => {
  await page.close();
});

/** Usage for the customer, sent by the merchant's server with `POST /v1/requests`. */
async function useTokens(tokens: number) {
  requests += 1;
  const response = await fetch(`${e2e.stack.checkoutUrl}v1/requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${e2e.stack.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      request_id: `balance-${requests}`,
      customer_id: customerId,
      meter_slug: 'ai-chat-tokens',
      input_tokens: tokens,
    }),
  });
  expect(response.status).toBeLessThan(300);
}

describe('the live balance on the demo, in Chromium across two origins', () => {
  it('shows the subscribed customer’s balance, moves when usage is recorded, and opens its details', async () => {
    customerId = await subscribeOnDemo(e2e.stack, page, '+1 415 555 0177');
    expect(customerId).not.toBe('');

    const badge = page.getByRole('button', { name: '$25.00 left' });
    await badge.waitFor({ timeout: 20_000 });

    // One million tokens at $3.00: the stream brings the new balance, no reload.
    await useTokens(1_000_000);
    const moved = page.getByRole('button', { name: '$22.00 left' });
    await moved.waitFor();

    await moved.click();
    const details = page.getByRole('dialog', { name: 'Balance details' });
    await details.waitFor();
    await expect.poll(() => details.textContent()).toContain('Cycle credits$22.00');
    expect(await details.textContent()).toContain('Bundle credits$0.00');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    expect(await moved.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('shows the same badge from a page with only the script tag, with its DOM events', async () => {
    await page.goto(`${e2e.stack.demoOrigin}/script-tag.html`);
    await page.evaluate(() => {
      const updates: string[] = [];
      (window as unknown as { updates: string[] }).updates = updates;
      document.addEventListener('lava-balance:update', (event) =>
        updates.push((event as CustomEvent<{ credits: { total: string } }>).detail.credits.total),
      );
    });
    const badge = page.getByRole('button', { name: '$22.00 left' });
    await badge.waitFor({ timeout: 20_000 });

    await useTokens(1_000_000);
    await page.getByRole('button', { name: '$19.00 left' }).waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { updates: string[] }).updates),
    ).toContain('19.00');

    await page.getByRole('button', { name: '$19.00 left' }).click();
    const details = page.getByRole('dialog', { name: 'Balance details' });
    await details.waitFor();
    expect(await details.textContent()).toContain('Cycle credits$19.00');
    expect(await details.textContent()).toContain('Bundle credits$0.00');
  });
});
