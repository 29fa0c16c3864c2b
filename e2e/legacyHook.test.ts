import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTestPage } from './newTestPage.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';
import { startMerchantPage } from './startMerchantPage.ts';

let merchant: Awaited<ReturnType<typeof startMerchantPage>>;
let page: Page;

const e2e = setUpStackAndChromium('legacy');

beforeAll(async () => {
  merchant = await startMerchantPage(
    fileURLToPath(new URL('./legacy-merchant/dist/', import.meta.url)),
    e2e.stack,
  );
});

afterAll(async () => {
  await merchant?.close();
});

beforeEach(async () => {
  page = await newTestPage(e2e.browser);
});

afterEach(async () => {
  await page.close();
});

/** Opens the checkout through the published hook and returns its frame (the hook gives it no title). */
async function openWithPublishedHook(): Promise<Frame> {
  await page.goto(`${merchant.origin}/`);
  await page.getByRole('button', { name: 'Subscribe with the published hook' }).click();
  await expect
    .poll(() => page.frames().some((f) => f.url().includes('/embed/checkout/')))
    .toBe(true);
  const frame = page.frames().find((f) => f.url().includes('/embed/checkout/'));
  if (!frame) throw new Error('no checkout frame');
  return frame;
}

async function latestCode(): Promise<string> {
  const { data } = (await (await fetch(`${e2e.stack.checkoutUrl}dev/outbox`)).json()) as {
    data: { body: string }[];
  };
  return /\b(\d{6})\b/.exec(data[0]?.body ?? '')?.[1] ?? '';
}

describe('the published @lavapayments/checkout 0.1.3 hook, without a handshake', () => {
  it('receives lava_checkout_success with the customer id as connectionId', async () => {
    const frame = await openWithPublishedHook();
    await frame.getByRole('textbox', { name: 'Phone number' }).fill('+1 415 555 0100');
    await frame.getByRole('button', { name: 'Send code' }).click();
    // The code step shows once the service answered, so the text is in the outbox by then.
    const codeField = frame.getByRole('textbox', { name: 'Verification code' });
    await codeField.waitFor();
    await codeField.fill(await latestCode());
    await frame.getByRole('button', { name: 'Verify' }).click();
    await frame.getByRole('textbox', { name: 'Card number' }).fill('4242 4242 4242 4242');
    await frame.getByRole('textbox', { name: 'Expiration date' }).fill('12 / 34');
    await frame.getByRole('textbox', { name: 'Security code' }).fill('123');
    await frame.getByRole('button', { name: /^Subscribe/ }).click();

    const result = page.getByRole('status', { name: 'Result' });
    await expect
      .poll(() => result.textContent())
      .toMatch(/^success cs_test_[0-9A-Z]{26} con_test_[0-9A-Z]{26}$/);
    await expect
      .poll(() => page.frames().some((f) => f.url().includes('/embed/checkout/')))
      .toBe(false);
  });

  it('receives lava_checkout_cancel from the frame’s own Cancel button', async () => {
    const frame = await openWithPublishedHook();
    await frame.getByRole('button', { name: 'Cancel' }).click();
    const result = page.getByRole('status', { name: 'Result' });
    await expect.poll(() => result.textContent()).toMatch(/^cancel cs_test_[0-9A-Z]{26}$/);
  });
});
