import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_MESSAGES } from '../apps/service/src/page/account/accountMessages.ts';
import { CATALOGS } from '../apps/service/src/page/i18n/createI18n.ts';
import { axeOn } from './axeOn.ts';
import { subscribeOnDemo } from './checkoutSteps.ts';
import { insertCustomerWithPlan } from './insertCustomerWithPlan.ts';
import { launchChromium } from './launchChromium.ts';
import { startTestStack, type TestStack } from './startTestStack.ts';

let stack: TestStack;
let browser: Browser;
let page: Page;
let customerId = '';

beforeAll(async () => {
  stack = await startTestStack('account');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

beforeEach(async () => {
  page = await browser.newPage();
  page.setDefaultTimeout(20_000); // waits end on the event; room for a loaded machine
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') console.log(stack.output().slice(-4000));
  await page.close();
});

/** The customer's subscription as the merchant's server reads it. */
async function subscription(): Promise<{
  pending_change: { type: string; plan_id?: string } | null;
  auto_top_up_bundle_id?: string | null;
  credits: { bundle_remaining: string };
}> {
  const response = await fetch(`${stack.checkoutUrl}v1/customers/${customerId}/subscription`, {
    headers: { authorization: `Bearer ${stack.secretKey}` },
  });
  return ((await response.json()) as { subscription: never }).subscription;
}

/**
 * The overlay showing the account page, once its overview shows and the handshake is done: on
 * the handshake the overlay moves focus into the page, which scrolls it to its top, so a button
 * found before then can move under a click.
 */
async function accountOverlay(): Promise<FrameLocator> {
  const dialog = page.getByRole('dialog', { name: 'Account' });
  await page.locator('dialog[aria-label="Account"][data-status="ready"]').waitFor();
  const frame = dialog.getByTitle('Account').contentFrame();
  await frame.getByRole('heading', { name: 'Your account' }).waitFor();
  return frame;
}

/** The account page opened from the demo's React page. */
async function accountFrame(): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Manage your account' }).click();
  return accountOverlay();
}

/** The page's announcement of what a change did. */
const notice = (frame: FrameLocator, text: string | RegExp) =>
  frame.getByRole('status').filter({ hasText: text }).waitFor();

/** Cancels the plan at the cycle's end, then keeps it. */
async function cancelThenKeep(frame: FrameLocator) {
  await frame.getByRole('button', { name: 'Cancel plan' }).click();
  await frame.getByRole('button', { name: 'Cancel at the end of the cycle' }).click();
  await notice(frame, /^Your plan ends on/);
  expect((await subscription()).pending_change).toMatchObject({ type: 'cancellation' });
  await frame.getByRole('button', { name: 'Keep my plan' }).click();
  await notice(frame, 'Your plan continues.');
}

/** Schedules a change to the Free plan at the cycle's end, then undoes it. */
async function downgradeThenUndo(frame: FrameLocator) {
  await frame.getByRole('button', { name: 'Change plan' }).click();
  await frame.getByRole('button', { name: 'Change to Free' }).click();
  await notice(frame, /^Your plan changes to Free on/);
  expect((await subscription()).pending_change).toMatchObject({ type: 'downgrade' });
  await frame.getByRole('button', { name: 'Undo' }).click();
  await notice(frame, 'Your plan continues.');
}

describe('the account page on the demo, from React, in Chromium across two origins', () => {
  it('buys a bundle, turns auto top-up on, schedules a downgrade, cancels and undoes, replaces the card', async () => {
    customerId = await subscribeOnDemo(stack, page, '+1 415 555 0178');
    expect(customerId).not.toBe('');
    await page.getByRole('button', { name: '$25.00 left' }).waitFor({ timeout: 20_000 });

    const frame = await accountFrame();
    await frame.getByText('Pro Plan', { exact: true }).waitFor();

    // A bundle with the card on file: the merchant page's balance rises, live.
    await frame.getByRole('button', { name: /^Buy \$25 Top-up/ }).click();
    await frame.getByRole('button', { name: 'Pay $25.00' }).click();
    await notice(frame, 'Done: $25.00 of credit added.');
    await page.getByRole('button', { name: '$50.00 left' }).waitFor();
    expect((await subscription()).credits.bundle_remaining).toBe('25.00');

    // Auto top-up on, with the plan's first bundle.
    // Checked once the service has turned it on.
    await frame.getByRole('checkbox', { name: 'Top up automatically' }).click();
    await notice(frame, /^Auto top-up is on/);
    expect((await subscription()).auto_top_up_bundle_id).toMatch(/^cb_test_/);

    // A downgrade waits for the cycle's end; undone.
    await downgradeThenUndo(frame);
    expect((await subscription()).pending_change).toBeNull();

    // Cancelled at the cycle's end, then kept.
    await cancelThenKeep(frame);
    expect((await subscription()).pending_change).toBeNull();

    // A new card for renewals.
    await frame.getByRole('button', { name: 'Replace card' }).click();
    await frame.getByRole('textbox', { name: 'Card number' }).fill('4242 4242 4242 4242');
    await frame.getByRole('textbox', { name: 'Expiration date' }).fill('11 / 33');
    await frame.getByRole('textbox', { name: 'Security code' }).fill('123');
    await frame.getByRole('button', { name: 'Save card' }).click();
    await notice(frame, 'Your new card is saved.');
    await frame.getByText('Visa •••• 4242, expires 11/33').waitFor();

    // Closed from the page: the overlay leaves, focus goes back.
    await frame.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});

describe('the account page from a page with only the script tag', () => {
  it('opens with LavaCheckout.open(customer_session_token): buys a bundle, auto top-up off, cancels and undoes, a downgrade and its undo, a new card', async () => {
    expect(customerId, 'the React test subscribed the customer').not.toBe('');
    await page.goto(`${stack.demoOrigin}/script-tag.html`);
    const badge = page.getByRole('button', { name: /left$/ });
    await badge.waitFor({ timeout: 20_000 });
    const before = (await subscription()).credits.bundle_remaining;

    // What the merchant's own script does: a customer session from its server, then the tag.
    await page.evaluate(async () => {
      const response = await fetch('/api/customer-session', { method: 'POST' });
      const { customer_session_token } = (await response.json()) as {
        customer_session_token: string;
      };
      void window.LavaCheckout?.open(customer_session_token);
    });
    const frame = await accountOverlay();

    await frame.getByRole('button', { name: /^Buy \$25 Top-up/ }).click();
    await frame.getByRole('button', { name: 'Pay $25.00' }).click();
    await notice(frame, 'Done: $25.00 of credit added.');
    await expect
      .poll(async () => (await subscription()).credits.bundle_remaining)
      .toBe((Number(before) + 25).toFixed(2));

    await frame.getByRole('checkbox', { name: 'Top up automatically' }).click();
    await notice(frame, 'Auto top-up is off.');

    await cancelThenKeep(frame);
    await downgradeThenUndo(frame);

    await frame.getByRole('button', { name: 'Replace card' }).click();
    await frame.getByRole('textbox', { name: 'Card number' }).fill('4242 4242 4242 4242');
    await frame.getByRole('textbox', { name: 'Expiration date' }).fill('10 / 32');
    await frame.getByRole('textbox', { name: 'Security code' }).fill('123');
    await frame.getByRole('button', { name: 'Save card' }).click();
    await frame.getByText('Visa •••• 4242, expires 10/32').waitFor();

    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});

const MATRIX = [1280, 390].flatMap((width) =>
  (['light', 'dark'] as const).flatMap((theme) =>
    (['en', 'es'] as const).map((lang) => ({ width, theme, lang })),
  ),
);

describe('every account screen, at 1280 and 390 px, light and dark, in English and Spanish', () => {
  let secret = '';
  beforeAll(async () => {
    const customer = insertCustomerWithPlan(stack, '+14155550179');
    // Some usage today, for the chart and its table.
    const used = await fetch(`${stack.checkoutUrl}v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        request_id: 'account-axe-1',
        customer_id: customer,
        meter_slug: 'ai-chat-tokens',
        input_tokens: 1_000_000,
      }),
    });
    expect(used.status).toBeLessThan(300);
    const response = await fetch(`${stack.checkoutUrl}v1/customer_sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: customer, origin_url: stack.demoOrigin }),
    });
    const { customer_session_token } = (await response.json()) as {
      customer_session_token: string;
    };
    secret = (JSON.parse(atob(customer_session_token)) as { secret: string }).secret;
    // A bundle bought with the card on file, as the page buys it: a receipt to show.
    const asThePage = {
      authorization: `Bearer ${secret}`,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    };
    const overview = (await (
      await fetch(`${stack.checkoutUrl}api/account/overview`, { headers: asThePage })
    ).json()) as { bundles: { id: string }[] };
    const bought = await fetch(
      `${stack.checkoutUrl}api/account/bundles/${overview.bundles[0]?.id}/buy`,
      { method: 'POST', headers: asThePage, body: JSON.stringify({ card_on_file: true }) },
    );
    expect(bought.status).toBe(200);
  });

  it.each(MATRIX)(
    'has no axe violation, and speaks the language, at $width px, $theme, $lang',
    async ({ width, theme, lang }) => {
      const t = ACCOUNT_MESSAGES[lang];
      const checkout = CATALOGS[lang];
      // The page itself, as its frame loads it: the customer's language and colour scheme are
      // the browser's when the merchant names none (the overlay around it has its own tests).
      const context = await browser.newContext({
        viewport: { width, height: width < 480 ? 844 : 800 },
        locale: lang === 'es' ? 'es-ES' : 'en-US',
        colorScheme: theme,
      });
      const screen = await context.newPage();
      screen.setDefaultTimeout(20_000);
      const expectNoAxeViolation = async (where: string) => {
        const results = await axeOn(screen).analyze();
        const serious = results.violations.filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious.map((v) => `${where}: ${v.id}: ${v.help}`)).toEqual([]);
        expect(results.passes.map((p) => p.id)).toContain('color-contrast');
      };
      try {
        await screen.goto(`${stack.checkoutUrl}embed/account/${secret}`);
        await screen.getByRole('heading', { name: t.title }).waitFor();
        expect(await screen.locator('html').getAttribute('lang')).toMatch(new RegExp(`^${lang}`));
        const background = await screen
          .locator('html')
          .evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(background).toBe(theme === 'dark' ? 'rgb(22, 21, 26)' : 'rgb(255, 255, 255)');
        await screen.getByText(t.usage.table).click();
        await expectNoAxeViolation('overview');

        // Each screen from the overview: opened, checked once it shows `ready`, and left.
        const visit = async (name: string, open: () => Promise<void>, ready: Locator) => {
          await open();
          await ready.waitFor();
          await expectNoAxeViolation(name);
          await screen.getByRole('button', { name: t.back }).click();
        };
        const cardNumber = screen.getByRole('textbox', { name: checkout.card.number });
        const click = (name: string) => () => screen.getByRole('button', { name }).click();
        await visit(
          'buy a bundle',
          async () => {
            await screen
              .getByRole('button', { name: /\$25 Top-up/ })
              .first()
              .click();
            await screen.getByRole('radio', { name: checkout.payment.newCard }).click();
          },
          cardNumber,
        );
        await visit(
          'change plan',
          click(t.plan.change),
          screen.getByRole('heading', { name: t.plans.title }),
        );
        await visit(
          'cancel',
          click(t.plan.cancel),
          screen.getByRole('button', { name: t.cancel.confirm }),
        );
        await visit('replace the card', click(t.card.replace), cardNumber);
        await screen
          .getByRole('button', { name: new RegExp(t.payments.receipt) })
          .first()
          .click();
        await screen.getByRole('heading', { name: t.payments.receipt }).waitFor();
        await expectNoAxeViolation('receipt');

        await screen.goto(`${stack.checkoutUrl}embed/account/${secret}x`);
        await screen.getByRole('heading', { name: t.ended.invalid }).waitFor();
        await expectNoAxeViolation('invalid');
      } finally {
        await context.close();
      }
    },
  );
});
