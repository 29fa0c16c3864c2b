import type { FrameLocator, Page } from 'playwright-core';
import { LOAD_ERROR_ELEMENT_ID } from '../apps/service/src/shared/PageBootstrap.ts';
import type { Stack } from '../scripts/startStack.ts';

/** The latest SMS code sent to this phone, from the development outbox. */
export async function latestCode(stack: Stack, phone: string): Promise<string> {
  const { data } = (await (await fetch(`${stack.checkoutUrl}dev/outbox`)).json()) as {
    data: { to: string; body: string }[];
  };
  const e164 = phone.replace(/\s/g, '');
  const code = /\b(\d{6})\b/.exec(data.find((m) => m.to === e164)?.body ?? '')?.[1];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

/**
 * The open overlay's checkout frame, once the page's own code has taken over from the step the
 * service rendered (that step's hidden load-error notice is gone then), so that an element found
 * is not replaced under the test. `{ takenOver: false }` returns it as soon as it is there.
 */
export async function checkoutFrame(
  page: Page,
  { takenOver = true }: { takenOver?: boolean } = {},
): Promise<FrameLocator> {
  const dialog = page.getByRole('dialog', { name: 'Checkout' });
  await dialog.waitFor();
  const frame = dialog.getByTitle('Checkout').contentFrame();
  if (takenOver) {
    await frame.locator('main').first().waitFor({ state: 'attached' });
    await frame.locator(`#${LOAD_ERROR_ELEMENT_ID}`).waitFor({ state: 'detached' });
  }
  return frame;
}

/** Phone, then the code from the outbox, to the payment step. */
export async function verifyPhone(stack: Stack, frame: FrameLocator, phone: string) {
  await frame.getByRole('textbox', { name: 'Phone number' }).fill(phone);
  await frame.getByRole('button', { name: 'Send code' }).click();
  // The code step shows once the service answered, so the text is in the outbox by then.
  const codeField = frame.getByRole('textbox', { name: 'Verification code' });
  await codeField.waitFor();
  await codeField.fill(await latestCode(stack, phone));
  await frame.getByRole('button', { name: 'Verify' }).click();
}

export async function payWith(frame: FrameLocator, cardNumber: string) {
  await frame.getByRole('textbox', { name: 'Card number' }).fill(cardNumber);
  await frame.getByRole('textbox', { name: 'Expiration date' }).fill('12 / 34');
  await frame.getByRole('textbox', { name: 'Security code' }).fill('123');
  await frame.getByRole('button', { name: /^Subscribe/ }).click();
}

/**
 * A new customer subscribed to the Pro Plan from the demo's React page, with `phone` and a card
 * that succeeds: the customer id the page shows then ('' if it shows none).
 */
export async function subscribeOnDemo(stack: Stack, page: Page, phone: string): Promise<string> {
  await page.goto(stack.demoOrigin);
  await page.getByRole('button', { name: 'Subscribe to Pro Plan' }).click();
  const frame = await checkoutFrame(page);
  await verifyPhone(stack, frame, phone);
  await payWith(frame, '4242 4242 4242 4242');
  const shown = await page.locator('code').textContent({ timeout: 20_000 });
  return /con_test_[0-9A-Z]{26}/.exec(shown ?? '')?.[0] ?? '';
}

/** Records the script tag's lava-checkout:* events, and whether the overlay was still up. */
export async function recordEvents(page: Page): Promise<() => Promise<RecordedEvent[]>> {
  await page.evaluate(() => {
    const events: unknown[] = [];
    (window as unknown as { lavaEvents: unknown[] }).lavaEvents = events;
    for (const name of ['ready', 'step', 'success', 'cancel', 'error']) {
      document.addEventListener(`lava-checkout:${name}`, (event) =>
        events.push({
          type: name,
          detail: (event as CustomEvent).detail,
          overlayOnPage: document.querySelector('lava-checkout') !== null,
        }),
      );
    }
  });
  return () =>
    page.evaluate(() => (window as unknown as { lavaEvents: RecordedEvent[] }).lavaEvents);
}

export interface RecordedEvent {
  type: string;
  detail: unknown;
  overlayOnPage: boolean;
}
