import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCheckoutSession } from '@lava-checkout/server';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SeededMerchant,
  seedLiveMerchant,
} from '../apps/service/src/server/testing/seedLiveMerchant.ts';
import {
  type FakeStripe,
  startFakeStripe,
} from '../apps/service/src/server/testing/startFakeStripe.ts';
import {
  type FakeTwilio,
  startFakeTwilio,
} from '../apps/service/src/server/testing/startFakeTwilio.ts';
import { type Stack, startStack } from '../scripts/startStack.ts';
import { freePort } from './freePort.ts';
import { launchChromium } from './launchChromium.ts';
import { routeStripe } from './routeStripe.ts';

const CUSTOMER_ID = /con_live_[0-9A-Z]{26}/;
/** Every card number the tests type, without spaces. */
const CARDS = {
  succeeds: '4242424242424242',
  threeDSecure: '4000002760003184',
  insufficientFunds: '4000000000009995',
};

let stripe: FakeStripe;
let twilio: FakeTwilio;
let merchant: SeededMerchant;
let stack: Stack;
let dataDir: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let output = '';
/** Every request the browser sent to the checkout service, as it went out. */
const sentToUs: { url: string; headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  stripe = await startFakeStripe({ secretKey: 'sk_live_fake', publishableKey: 'pk_live_fake' });
  twilio = await startFakeTwilio({ latencyMs: 5 });
  dataDir = mkdtempSync(join(tmpdir(), 'lava-e2e-production-'));
  // Production creates no test merchant: the operator adds live merchants (a fixture here).
  merchant = await seedLiveMerchant(dataDir);
  const checkoutPort = await freePort();
  stack = await startStack({
    checkoutPort,
    demoPort: await freePort(),
    dataDir,
    output: (chunk) => {
      output += chunk;
    },
    merchant,
    checkoutEnv: {
      NODE_ENV: 'production',
      LAVA_PUBLIC_URL: `http://127.0.0.1:${checkoutPort}/`,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_PUBLISHABLE_KEY: stripe.publishableKey,
      STRIPE_API_URL: stripe.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+14155550000',
      TWILIO_API_URL: twilio.url,
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await stripe?.close();
  await twilio?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  await routeStripe(context, stripe.url);
  context.on('request', (request) => {
    if (!request.url().startsWith(stack.checkoutUrl)) return;
    sentToUs.push({
      url: request.url(),
      headers: request.headers(),
      body: request.postData() ?? '',
    });
  });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') console.log(output.slice(-4000));
  await context.close();
});

/** The code in the newest text Twilio took for this number. */
function latestCode(phone: string): string {
  const e164 = phone.replace(/\s/g, '');
  const message = [...twilio.messages].reverse().find((m) => m.to === e164);
  const code = /^(\d{6}) is your /.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`Twilio took no text for ${e164}`);
  return code;
}

async function openCheckout(): Promise<FrameLocator> {
  await page.goto(`${stack.demoOrigin}/`);
  await page.getByRole('button', { name: /Subscribe/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Checkout' });
  await dialog.waitFor();
  return dialog.getByTitle('Checkout').contentFrame();
}

async function verifyPhone(frame: FrameLocator, phone: string) {
  await frame.getByRole('textbox', { name: 'Phone number' }).fill(phone);
  await frame.getByRole('button', { name: 'Send code' }).click();
  const code = frame.getByRole('textbox', { name: 'Verification code' });
  await code.waitFor();
  await code.fill(latestCode(phone));
  await frame.getByRole('button', { name: 'Verify' }).click();
}

/** Types into Stripe's field: its frame, inside the group our label names. */
const stripeField = (frame: FrameLocator, name: string) =>
  frame.getByRole('group', { name }).locator('iframe').contentFrame().getByRole('textbox');

async function payWith(frame: FrameLocator, cardNumber: string) {
  await stripeField(frame, 'Card number').fill(cardNumber);
  await stripeField(frame, 'Expiration date').fill('12 / 34');
  await stripeField(frame, 'Security code').fill('123');
  await frame.getByRole('button', { name: /^Subscribe/ }).click();
}

describe('production mode, with Stripe and Twilio (local fakes), in Chromium on two origins', () => {
  it('serves no development routes, and sends HSTS, COOP and CORP', async () => {
    expect((await fetch(`${stack.checkoutUrl}dev/outbox`)).status).toBe(404);
    const session = await createCheckoutSession(
      { checkout_mode: 'subscription', origin_url: stack.demoOrigin, plan_id: merchant.planId },
      { secretKey: merchant.secretKey, checkoutUrl: stack.checkoutUrl },
    );
    const secret = JSON.parse(atob(session.checkout_session_token)).secret as string;
    for (const [path, corp] of [
      [`embed/checkout/${secret}`, 'cross-origin'],
      ['healthz', 'same-origin'],
    ] as const) {
      const response = await fetch(`${stack.checkoutUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
      expect(response.headers.get('cross-origin-resource-policy')).toBe(corp);
    }
    expect(output).not.toMatch(/test secret key|aks_test_/);
  });

  it('completes a checkout: the card goes to Stripe from its frames, never to our service', async () => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const frame = await openCheckout();
    await verifyPhone(frame, '+1 415 555 0100');
    await payWith(frame, '4242 4242 4242 4242');

    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    await page.getByText(CUSTOMER_ID).waitFor();
    await page.getByText('Confirmed by our server: Pro Plan, active.').waitFor();
    expect(errors).toEqual([]);

    // The card went from Stripe's frames to Stripe; our service got the payment method's id.
    const made = stripe.requests.filter((r) => r.path === '/v1/payment_methods');
    expect(made).toEqual([expect.objectContaining({ auth: 'publishable' })]);
    expect(made[0]?.params['card[number]']).toBe(CARDS.succeeds);
    const subscribe = sentToUs.filter((r) => r.url.endsWith('/api/checkout/subscribe'));
    expect(subscribe.map((r) => JSON.parse(r.body))).toEqual([
      { payment_method: expect.stringMatching(/^pm_/) },
    ]);
    expect(stripe.paymentIntents()).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: 4900, currency: 'usd' }),
    ]);
  });

  it('completes a 3-D Secure card once the customer passed the challenge', async () => {
    const frame = await openCheckout();
    await verifyPhone(frame, '+1 415 555 0101');
    await payWith(frame, '4000 0027 6000 3184');

    const challenge = frame.getByTitle('3D Secure authentication').contentFrame();
    await challenge.getByRole('button', { name: 'Complete authentication' }).click();
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    await page.getByText(CUSTOMER_ID).waitFor();
    const subscribe = sentToUs.filter((r) => r.url.endsWith('/api/checkout/subscribe'));
    expect(JSON.parse(subscribe.at(-1)?.body ?? '{}')).toEqual({
      charge: expect.stringMatching(/^pi_/),
    });
  });

  it("shows a decline with the processor's reason, in words a customer understands", async () => {
    const frame = await openCheckout();
    await verifyPhone(frame, '+1 415 555 0102');
    await payWith(frame, '4000 0000 0000 9995');

    const alert = frame.getByRole('alert').filter({ hasText: 'insufficient' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Your card has insufficient funds. Try another card.');
    expect(await page.getByRole('dialog', { name: 'Checkout' }).isVisible()).toBe(true);
  });

  it('afterwards: no card number in any request to our service, nor a code or card on disk or in the log', () => {
    expect(sentToUs.length).toBeGreaterThan(10);
    const codes = twilio.messages.map((m) => /^(\d{6})/.exec(m.body)?.[1] ?? 'missing');
    expect(codes).toHaveLength(3);
    const cards = Object.values(CARDS).flatMap((number) => [
      number,
      number.replace(/(\d{4})(?=\d)/g, '$1 '),
    ]);

    const requests = JSON.stringify(sentToUs);
    for (const card of cards) expect(requests).not.toContain(card);

    // The database file and its journal, read as bytes.
    const files = readdirSync(dataDir).filter((name) => name.startsWith('checkout.sqlite'));
    expect(files).toContain('checkout.sqlite');
    const disk = files.map((name) => readFileSync(join(dataDir, name)).toString('latin1')).join('');
    for (const secret of [...cards, ...codes]) {
      expect(disk).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
  });
});
