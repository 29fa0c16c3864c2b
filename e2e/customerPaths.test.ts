import { join } from 'node:path';
import { type CreateCheckoutSessionParams, createCheckoutSession } from '@lava-checkout/server';
import Database from 'better-sqlite3';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, type I18n } from '../apps/service/src/page/i18n/createI18n.ts';
import { axeOn } from './axeOn.ts';
import { checkoutFrame, latestCode } from './checkoutSteps.ts';
import { creditsOf } from './creditsOf.ts';
import { insertCustomerWithPlan } from './insertCustomerWithPlan.ts';
import { merchantApi } from './merchantApi.ts';
import { newTestPage } from './newTestPage.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';

// Every path a customer can take, in Chromium, with the merchant's page (the demo's script-tag
// page) and the checkout on two origins. Each test browses from an address of its own
// (X-Forwarded-For, trusted by this stack), and each checkout texts a phone of its own: the
// limits per IP address and per phone hold here as in production.

let context: BrowserContext | undefined;
let page: Page;
let addresses = 0;

const e2e = setUpStackAndChromium('customer', { checkoutEnv: { LAVA_TRUST_PROXY: '1' } });

afterEach(async () => {
  await context?.close();
  context = undefined;
});

const en = createI18n('en');
const es = createI18n('es');

/** The merchant's script-tag page, in a browser of its own at its own address. */
async function merchantPage(
  options: { width?: number; height?: number; clock?: boolean } = {},
): Promise<Page> {
  addresses += 1;
  context = await e2e.browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  // On the checkout frame's calls to its API only: an extra header on the merchant page's
  // cross-origin requests (the script tag) would make them need a CORS preflight.
  const ip = `198.51.100.${addresses}`;
  await context.route(`${new URL(e2e.stack.checkoutUrl).origin}/api/**`, (route) =>
    route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': ip } }),
  );
  page = await newTestPage(context);
  if (options.clock) await page.clock.install();
  await page.goto(`${e2e.stack.demoOrigin}/script-tag.html`);
  await page.waitForFunction(() => 'LavaCheckout' in window);
  return page;
}

/** A session minted by the merchant's server, for the demo's origin. */
async function mint(
  params: Partial<CreateCheckoutSessionParams> = {},
  now = Date.now(),
): Promise<string> {
  const plan = params.checkout_mode === 'credit_bundle' ? {} : { plan_id: e2e.stack.planId };
  const session = await createCheckoutSession(
    { checkout_mode: 'subscription', origin_url: e2e.stack.demoOrigin, ...plan, ...params },
    { secretKey: e2e.stack.secretKey, checkoutUrl: e2e.stack.checkoutUrl, now: () => now },
  );
  return session.checkout_session_token;
}

/** Opens the checkout with the script tag's API; its result lands on `window.lavaResult`. */
async function open(token: string, options: Record<string, unknown> = {}): Promise<FrameLocator> {
  await page.evaluate(
    ([token, options]) => {
      const w = window as unknown as {
        LavaCheckout: { open(t: string, o: unknown): Promise<unknown> };
        lavaResult?: unknown;
      };
      void w.LavaCheckout.open(token, options).then((result) => {
        w.lavaResult = result;
      });
    },
    [token, options] as const,
  );
  return checkoutFrame(page);
}

const result = () =>
  page.evaluate(() => (window as unknown as { lavaResult?: unknown }).lavaResult);

/** The merchant's REST API, as its server calls it. */
const lava = <T>(method: string, path: string, body?: unknown) =>
  merchantApi<T>(e2e.stack, method, path, body);

const count = (table: string) => {
  const db = new Database(join(e2e.stack.dataDir, 'checkout.sqlite'), { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** What a field says of itself beyond its name: its hint, its brand, its error. */
const description = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** Types a phone number and sends the code, then types the code the service texted. */
async function verifyNewPhone(frame: FrameLocator, digits: string, i18n: I18n = en) {
  await frame.getByRole('textbox', { name: i18n.t.phone.label }).pressSequentially(digits);
  await frame.getByRole('button', { name: i18n.t.phone.send }).click();
  await enterCode(frame, `+1${digits}`, i18n);
}

async function enterCode(frame: FrameLocator, e164: string, i18n: I18n = en) {
  const field = frame.getByRole('textbox', { name: i18n.t.code.label });
  await field.waitFor();
  await field.fill(await latestCode(e2e.stack, e164));
  await frame.getByRole('button', { name: i18n.t.code.verify }).click();
}

async function typeCard(frame: FrameLocator, number: string, i18n: I18n = en) {
  await frame.getByRole('textbox', { name: i18n.t.card.number }).fill(number);
  await frame.getByRole('textbox', { name: i18n.t.card.expiry }).fill('12 / 34');
  await frame.getByRole('textbox', { name: i18n.t.card.cvc }).fill('123');
}

/**
 * Clicks a button that takes its own frame off the page (a button back to the merchant): a
 * mouse click would wait on a frame that is gone; the element's click() runs the same handler.
 */
async function clickAway(button: Locator) {
  await button.waitFor();
  // Clicked after evaluate answers: the click may close the overlay and detach this frame.
  await button.evaluate((el) => {
    setTimeout(() => (el as HTMLButtonElement).click(), 0);
  });
}

const subscribeButton = (frame: FrameLocator, i18n: I18n = en) =>
  frame.getByRole('button', { name: i18n.t.payment.subscribe.month(i18n.money('49.00')) });

/** A new customer pays: the phone verified, the card typed, Subscribe clicked (no wait after). */
async function payAsNewCustomer(frame: FrameLocator, digits: string, card: string) {
  await verifyNewPhone(frame, digits);
  await typeCard(frame, card);
  await subscribeButton(frame).click();
}

const customerWithPlan = (phone: string) => insertCustomerWithPlan(e2e.stack, phone);

/**
 * A returning customer subscribes: the number on file shown masked and no phone field, the code
 * texted to it, then the card 4242, to the success screen and the overlay closed.
 */
async function subscribeAsReturning(frame: FrameLocator, phone: string) {
  const last4 = phone.slice(-4);
  await frame.getByText(en.t.phone.returningText(last4)).waitFor();
  expect(await frame.getByRole('textbox', { name: en.t.phone.label }).count()).toBe(0);
  await frame.getByRole('button', { name: en.t.phone.send }).click();
  await frame.getByText(en.t.code.sentTo(`•••• ${last4}`)).waitFor();
  await enterCode(frame, phone);
  await typeCard(frame, '4242 4242 4242 4242');
  await subscribeButton(frame).click();
  await frame.getByRole('heading', { name: en.t.success.subscribedTitle }).waitFor();
  await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
}

describe('what a customer sees, across two origins', () => {
  it('a new customer: the summary, the phone and the card formatted as typed, field errors under their field, then success', async () => {
    await merchantPage();
    const frame = await open(await mint());
    await frame.getByRole('heading', { level: 1, name: 'Pro Plan' }).waitFor();
    await frame.getByText(en.t.summary.dueToday).waitFor();
    expect(await frame.getByText(/^Renews monthly on [A-Z][a-z]+ \d{1,2}, \d{4}$/).count()).toBe(1);
    expect(await frame.getByText('AI Chat Tokens: $3.00 per million tokens').count()).toBe(1);

    const phone = frame.getByRole('textbox', { name: en.t.phone.label });
    await phone.pressSequentially('4155550110');
    expect(await phone.inputValue()).toBe('(415) 555-0110');
    await frame.getByRole('button', { name: en.t.phone.send }).click();
    await enterCode(frame, '+14155550110');

    const number = frame.getByRole('textbox', { name: en.t.card.number });
    await number.pressSequentially('4242424242424242');
    expect(await number.inputValue()).toBe('4242 4242 4242 4242');
    expect(await description(number)).toBe('Visa');
    await frame.getByText('Visa', { exact: true }).waitFor();
    const expiry = frame.getByRole('textbox', { name: en.t.card.expiry });
    await expiry.pressSequentially('0120');
    expect(await expiry.inputValue()).toBe('01 / 20');
    await frame.getByRole('textbox', { name: en.t.card.cvc }).fill('123');
    await subscribeButton(frame).click();
    await expect.poll(() => description(expiry)).toBe(en.t.card.expiryInvalid);
    expect(await expiry.getAttribute('aria-invalid')).toBe('true');

    await expiry.fill('12 / 34');
    await subscribeButton(frame).click();
    await frame.getByRole('heading', { name: en.t.success.subscribedTitle }).waitFor();
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    expect(await result()).toMatchObject({ status: 'success' });
  });

  it('a decline, then a success with another card', async () => {
    await merchantPage();
    const frame = await open(await mint());
    await payAsNewCustomer(frame, '4155550111', '4000 0000 0000 0002');
    await frame.getByRole('alert').filter({ hasText: en.t.errors.card_declined }).waitFor();
    expect(await subscriptionsOf('+14155550111')).toBe(0);
    await frame.getByRole('textbox', { name: en.t.card.number }).fill('4242 4242 4242 4242');
    await subscribeButton(frame).click();
    await frame.getByRole('heading', { name: en.t.success.subscribedTitle }).waitFor();
    expect(await subscriptionsOf('+14155550111')).toBe(1);
  });

  it('a card the processor refuses for its security code: the error lands under that field', async () => {
    await merchantPage();
    const frame = await open(await mint());
    await payAsNewCustomer(frame, '4155550112', '4000 0000 0000 0127');
    const cvc = frame.getByRole('textbox', { name: en.t.card.cvc });
    await expect.poll(() => description(cvc)).toContain(en.t.errors.incorrect_cvc);
    expect(await cvc.getAttribute('aria-invalid')).toBe('true');
    expect(await frame.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(1);
  });

  it('a returning customer: no phone typed, the number on file shown masked', async () => {
    const known = await lava<{ customer_id: string }>('POST', 'customers', {
      phone: '+14155550113',
    });
    await merchantPage();
    const frame = await open(await mint({ customer_id: known.customer_id }));
    await subscribeAsReturning(frame, '+14155550113');
    expect(await result()).toMatchObject({ status: 'success', customerId: known.customer_id });
  });

  it("a returning customer named by the merchant's reference id, in a session the server helper minted", async () => {
    const known = await lava<{ customer_id: string }>('POST', 'customers', {
      phone: '+14155550117',
      reference_id: 'user_117',
    });
    await merchantPage();
    const frame = await open(await mint({ customer_id: 'user_117' }));
    await subscribeAsReturning(frame, '+14155550117');
    expect(await result()).toMatchObject({ status: 'success', customerId: known.customer_id });
  });

  it('an already-subscribed customer: done at the code, nothing due, no card form, no charge', async () => {
    const customerId = customerWithPlan('+14155550114');
    const payments = count('payments');
    await merchantPage();
    const frame = await open(await mint(), { successDelayMs: 60_000 });
    const due = frame
      .getByRole('region', { name: en.t.summary.orderSummary })
      .getByRole('definition');
    expect(await due.textContent()).toBe('$49.00');
    await verifyNewPhone(frame, '4155550114');
    await frame.getByRole('heading', { name: en.t.success.alreadyTitle }).waitFor();
    expect(await due.textContent()).toBe(en.t.summary.nothingDue);
    expect(await frame.getByText('$49.00').count()).toBe(0);
    expect(await frame.getByRole('textbox', { name: en.t.card.number }).count()).toBe(0);
    await clickAway(frame.getByRole('button', { name: en.t.actions.backTo('Acme AI') }));
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    expect(await result()).toMatchObject({ status: 'success', customerId });
    expect(count('payments')).toBe(payments);
  });

  it('the code step: "Send a new code" counts the cool-down down (a faked clock), then can be used', async () => {
    await merchantPage({ clock: true });
    const frame = await open(await mint());
    await frame.getByRole('textbox', { name: en.t.phone.label }).pressSequentially('4155550127');
    await frame.getByRole('button', { name: en.t.phone.send }).click();
    const counting = frame.getByRole('button', { name: /^Send a new code in \d+ s$/ });
    await counting.waitFor();
    // From here the page's time moves only when the test moves it.
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
    const left = Number(/\d+/.exec((await counting.textContent()) ?? '')?.[0]);
    expect(left).toBeGreaterThan(15);
    expect(left).toBeLessThanOrEqual(30);
    expect(await counting.isDisabled()).toBe(true);
    await page.clock.runFor(10_000);
    await frame.getByRole('button', { name: en.t.code.resendIn(left - 10), exact: true }).waitFor();
    expect(await counting.isDisabled()).toBe(true);
    await page.clock.runFor((left - 10) * 1000);
    const resend = frame.getByRole('button', { name: en.t.code.resend, exact: true });
    await expect.poll(() => resend.isEnabled()).toBe(true);
  });

  it.each([
    [1280, 800],
    [390, 844],
  ])(
    "a payment in progress at %i px: closing is refused, and the overlay's notice says so in its own font, clear of the page's buttons",
    async (width, height) => {
      await merchantPage({ width, height });
      // The service takes its time over this payment, until the test lets it answer.
      let answer = () => {};
      const answered = new Promise<void>((resolve) => {
        answer = resolve;
      });
      await context?.route(`${e2e.stack.checkoutUrl}api/checkout/subscribe`, async (route) => {
        await answered;
        await route.fallback();
      });
      const frame = await open(await mint(), { successDelayMs: 0 });
      await payAsNewCustomer(frame, `41555501${width === 390 ? 19 : 18}`, '4242 4242 4242 4242');
      await frame.getByRole('status').filter({ hasText: en.t.payment.processing }).waitFor();

      await page.getByRole('button', { name: 'Close checkout' }).click();
      const dialog = page.getByRole('dialog', { name: 'Checkout' });
      const notice = dialog
        .getByRole('status')
        .filter({ hasText: 'Your payment is being processed' });
      await notice.waitFor();
      const fontOf = (element: Element) => getComputedStyle(element).fontFamily;
      expect(await notice.evaluate(fontOf)).toBe(await dialog.evaluate(fontOf));
      expect(await notice.evaluate(fontOf)).not.toMatch(/Times|^serif/);
      const box = await notice.boundingBox();
      const buttons = await frame.getByRole('button').all();
      expect(buttons.length).toBeGreaterThan(0);
      for (const button of buttons) {
        const b = await button.boundingBox();
        if (!b || !box) continue;
        const clear =
          box.x + box.width <= b.x ||
          b.x + b.width <= box.x ||
          box.y + box.height <= b.y ||
          b.y + b.height <= box.y;
        expect({ button: await button.textContent(), clear }).toMatchObject({ clear: true });
      }
      // The notice is on screen, inside the dialog.
      expect(box && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width).toBe(
        true,
      );

      answer();
      await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
      expect(await result()).toMatchObject({ status: 'success' });
    },
  );

  it("a credit bundle: paid with the card on file, and the balance grows by the bundle's credits", async () => {
    const customerId = customerWithPlan('+14155550115');
    const plan = await lava<{ credit_bundles: { credit_bundle_id: string; cost: string }[] }>(
      'GET',
      `plans/${e2e.stack.planId}`,
    );
    const bundle = plan.credit_bundles.find((b) => b.cost === '25.00');
    const credits = async () => (await creditsOf(e2e.stack, customerId)).bundle_remaining;
    expect(await credits()).toBe('0.00');

    await merchantPage();
    const frame = await open(
      await mint({
        checkout_mode: 'credit_bundle',
        customer_id: customerId,
        credit_bundle_id: bundle?.credit_bundle_id ?? '',
      }),
    );
    await frame.getByRole('heading', { level: 1, name: '$25 Top-up' }).waitFor();
    await frame.getByText(en.t.phone.returningText('0115')).waitFor();
    await frame.getByRole('button', { name: en.t.phone.send }).click();
    await enterCode(frame, '+14155550115');
    const onFile = frame.getByRole('radio', {
      name: en.t.payment.cardOnFile('Visa', '4242', '12/34'),
    });
    expect(await onFile.isChecked()).toBe(true);
    await frame.getByRole('button', { name: en.t.payment.buy('$25.00') }).click();
    await frame.getByRole('heading', { name: en.t.success.creditsTitle }).waitFor();
    expect(await credits()).toBe('25.00');
    expect(await subscriptionsOf('+14155550115')).toBe(1);
  });

  it('an expired session: its screen, and a button back that closes the overlay through the SDK', async () => {
    await merchantPage();
    const frame = await open(await mint({}, Date.now() - 61 * 60_000));
    await frame.getByRole('heading', { level: 1, name: en.t.ended.expiredTitle }).waitFor();
    await frame.getByText(en.t.ended.expiredText).waitFor();
    // The way back names the merchant, as the demo set its brand.
    await clickAway(frame.getByRole('button', { name: en.t.actions.backTo('Acme AI') }));
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    // The merchant's code hears why; the customer read the page's words, not the SDK's.
    expect(await result()).toMatchObject({
      status: 'error',
      error: { code: 'session_expired', message: expect.stringMatching(/^Lava Checkout: /) },
    });
    // Nowhere on the page, the balance badge's shadow root included (nobody is signed in there).
    expect(await page.getByText(/Lava Checkout:|Mint a new session/).count()).toBe(0);
  });

  it('a completed session: its screen', async () => {
    await merchantPage();
    const token = await mint();
    const first = await open(token);
    await payAsNewCustomer(first, '4155550116', '4242 4242 4242 4242');
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    const frame = await open(token);
    await frame.getByRole('heading', { level: 1, name: en.t.ended.completedTitle }).waitFor();
    await frame.getByText(en.t.ended.completedSubscription).waitFor();
  });

  it('a session left alone for 15 minutes (a faked clock): its screen, without a click', async () => {
    await merchantPage({ clock: true });
    const frame = await open(await mint());
    await frame.getByRole('textbox', { name: en.t.phone.label }).waitFor();
    await page.clock.fastForward('14:50');
    expect(await frame.getByRole('heading', { name: en.t.ended.idleTitle }).count()).toBe(0);
    await page.clock.fastForward('00:15');
    await frame.getByRole('heading', { level: 1, name: en.t.ended.idleTitle }).waitFor();
    await frame.getByText(en.t.ended.idleText).waitFor();
  });
});

/** Subscriptions of the customer with this phone. */
async function subscriptionsOf(phone: string): Promise<number> {
  const db = new Database(join(e2e.stack.dataDir, 'checkout.sqlite'), { readonly: true });
  try {
    return (
      db
        .prepare(
          'select count(*) as n from subscriptions join customers on customers.id = subscriptions.customer_id where customers.phone = ?',
        )
        .get(phone) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

/** axe on what is on screen: the overlay and the checkout page in its frame. */
async function expectNoAxeViolation(where: string) {
  const results = await axeOn(page).include('lava-checkout').analyze();
  expect(results.violations.map((v) => `${where}: ${v.id}: ${v.help}`)).toEqual([]);
  expect(results.passes.map((p) => p.id)).toContain('color-contrast');
}

const MATRIX = [1280, 390].flatMap((width) =>
  (['light', 'dark'] as const).flatMap((theme) =>
    (['en', 'es'] as const).map((lang) => ({ width, theme, lang })),
  ),
);

describe('every step, at 1280 and 390 px, light and dark, in English and Spanish', () => {
  it.each(MATRIX.map((cell, index) => ({ ...cell, index })))(
    'has no axe violation, and speaks the language, at $width px, $theme, $lang',
    async ({ width, theme, lang, index }) => {
      const i18n = lang === 'es' ? es : en;
      const { t } = i18n;
      await merchantPage({ width, height: width < 480 ? 844 : 800 });
      const options = { locale: lang, appearance: { theme }, successDelayMs: 60_000 };
      const frame = await open(await mint(), options);

      await frame.getByRole('heading', { name: t.phone.title }).waitFor();
      const background = await frame
        .locator('html')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).toBe(theme === 'dark' ? 'rgb(22, 21, 26)' : 'rgb(255, 255, 255)');
      expect(await frame.locator('html').getAttribute('lang')).toBe(lang);
      // The price as the language writes it: "$49.00", "49,00 US$".
      expect(await frame.getByText(i18n.money('49.00'), { exact: true }).count()).toBe(1);
      await frame.getByText(t.summary.dueToday).waitFor();
      await expectNoAxeViolation('phone');

      await frame
        .getByRole('textbox', { name: t.phone.label })
        .pressSequentially(`41555501${50 + index}`);
      await frame.getByRole('button', { name: t.phone.send }).click();
      await frame.getByRole('heading', { name: t.code.title }).waitFor();
      await expectNoAxeViolation('code');
      await enterCode(frame, `+141555501${50 + index}`, i18n);
      await frame.getByRole('heading', { name: t.payment.title }).waitFor();
      await expectNoAxeViolation('payment');
      await typeCard(frame, '4000 0000 0000 0002', i18n);
      await subscribeButton(frame, i18n).click();
      await frame.getByRole('alert').filter({ hasText: t.errors.card_declined }).waitFor();
      await expectNoAxeViolation('payment, declined');
      await frame.getByRole('textbox', { name: t.card.number }).fill('4242 4242 4242 4242');
      await subscribeButton(frame, i18n).click();
      await frame.getByRole('heading', { name: t.success.subscribedTitle }).waitFor();
      await expectNoAxeViolation('success');
      await clickAway(frame.getByRole('button', { name: t.actions.backTo('Acme AI') }));
      await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });

      const ended = await open(await mint({}, Date.now() - 61 * 60_000), options);
      await ended.getByRole('heading', { level: 1, name: t.ended.expiredTitle }).waitFor();
      await expectNoAxeViolation('expired');
    },
  );
});
