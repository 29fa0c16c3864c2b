import { join } from 'node:path';
import { createCheckoutSession } from '@lava-checkout/server';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../apps/service/src/page/i18n/createI18n.ts';
import { checkoutFrame, latestCode } from './checkoutSteps.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';

// A checkout of a $0 plan (the merchant's Free plan), in Chromium from the demo's script-tag
// page: the phone is verified, then the checkout is done, with no card form and no charge.

let context: BrowserContext | undefined;
let page: Page;

const e2e = setUpStackAndChromium('free-plan');

afterEach(async () => {
  await context?.close();
  context = undefined;
});

const en = createI18n('en');

/** Reads the checkout service's database file. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(e2e.stack.dataDir, 'checkout.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('a checkout of a $0 plan', () => {
  it('goes from the phone to success: no card form, no charge, the customer on the plan', async () => {
    const [free] = query<{ id: string }>(
      'select id from plans where is_free = 1 and merchant_id = (select merchant_id from plans where id = ?)',
      e2e.stack.planId,
    );
    const session = await createCheckoutSession(
      { checkout_mode: 'subscription', origin_url: e2e.stack.demoOrigin, plan_id: free?.id ?? '' },
      { secretKey: e2e.stack.secretKey, checkoutUrl: e2e.stack.checkoutUrl },
    );
    context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${e2e.stack.demoOrigin}/script-tag.html`);
    await page.waitForFunction(() => 'LavaCheckout' in window);
    await page.evaluate((token) => {
      const w = window as unknown as {
        LavaCheckout: { open(t: string, o: unknown): Promise<unknown> };
        lavaResult?: unknown;
      };
      void w.LavaCheckout.open(token, { successDelayMs: 60_000 }).then((result) => {
        w.lavaResult = result;
      });
    }, session.checkout_session_token);
    const frame = await checkoutFrame(page);
    await frame.getByRole('heading', { level: 1, name: 'Free' }).waitFor();

    await frame.getByRole('textbox', { name: en.t.phone.label }).pressSequentially('4155550170');
    await frame.getByRole('button', { name: en.t.phone.send }).click();
    const code = frame.getByRole('textbox', { name: en.t.code.label });
    await code.waitFor();
    await code.fill(await latestCode(e2e.stack, '+14155550170'));
    await frame.getByRole('button', { name: en.t.code.verify }).click();

    await frame.getByRole('heading', { name: en.t.success.subscribedTitle }).waitFor();
    expect(await frame.getByRole('textbox', { name: en.t.card.number }).count()).toBe(0);
    expect(query('select id from payments')).toEqual([]);
    expect(
      query<{ plan_id: string; status: string }>(
        `select subscriptions.plan_id, subscriptions.status from subscriptions
           join customers on customers.id = subscriptions.customer_id
          where customers.phone = ?`,
        '+14155550170',
      ),
    ).toEqual([{ plan_id: free?.id, status: 'active' }]);
    await frame.getByRole('button', { name: en.t.actions.backTo('Acme AI') }).evaluate((el) => {
      setTimeout(() => (el as HTMLButtonElement).click(), 0);
    });
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    expect(
      await page.evaluate(() => (window as unknown as { lavaResult?: unknown }).lavaResult),
    ).toMatchObject({ status: 'success' });
  });
});
