import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../apps/service/src/page/i18n/createI18n.ts';
import {
  type FakeProvider,
  startFakeProvider,
} from '../apps/service/src/server/testing/startFakeProvider.ts';
import { LOAD_ERROR_ELEMENT_ID } from '../apps/service/src/shared/PageBootstrap.ts';
import { latestCode } from './checkoutSteps.ts';
import { creditsOf } from './creditsOf.ts';
import { insertCustomerWithPlan } from './insertCustomerWithPlan.ts';
import { launchChromium } from './launchChromium.ts';
import { merchantApi } from './merchantApi.ts';
import { newTestPage } from './newTestPage.ts';
import { startTestStack, type TestStack } from './startTestStack.ts';

// An agent out of credits, end to end: the MCP server's prompt answers payment_required with a
// checkout URL, a person opens it top-level in Chromium (no merchant page, no SDK), buys a
// credit bundle of their plan, and the agent's next prompt goes through.

const PHONE = '+14155550170';
const en = createI18n('en');

let stack: TestStack;
let browser: Browser;
let openai: FakeProvider;
let client: Client | undefined;

beforeAll(async () => {
  openai = await startFakeProvider();
  stack = await startTestStack('mcp-pay', {
    checkoutEnv: { LAVA_PROVIDER_OPENAI_KEY: openai.apiKey, LAVA_PROVIDER_OPENAI_URL: openai.url },
  });
  browser = await launchChromium();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') console.log(stack.output().slice(-4000));
  await client?.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await openai?.close();
});

/** The merchant's REST API, as its server calls it. */
const lava = <T>(method: string, path: string, body?: unknown) =>
  merchantApi<T>(stack, method, path, body);

describe('payment_required, paid on the standalone checkout page', () => {
  it('prompt out of credits gives a checkout URL; buying the bundle there lets the next prompt through', async () => {
    const customerId = insertCustomerWithPlan(stack, PHONE);
    const { data: meters } = await lava<{ data: { meter_slug: string }[] }>('GET', 'meters');
    const key = await lava<{ key: string }>('POST', 'spend_keys', {
      name: 'Agent',
      customer_id: customerId,
      meter_slug: meters[0]?.meter_slug,
    });
    const credits = async () => (await creditsOf(stack, customerId)).total_remaining;
    expect(await credits()).toBe('0.00');

    const mcp = new Client({ name: 'e2e', version: '1.0.0' });
    client = mcp;
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(`${stack.checkoutUrl}mcp`), {
        requestInit: { headers: { authorization: `Bearer ${key.key}` } },
      }),
    );
    const prompt = () =>
      mcp.callTool({
        name: 'prompt',
        arguments: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }] },
      });

    const refused = await prompt();
    expect(refused.structuredContent).toMatchObject({
      status: 'payment_required',
      checkout_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/[^/]+$/),
    });
    const { checkout_url } = refused.structuredContent as { checkout_url: string };
    expect(openai.requests).toHaveLength(0);

    // A person opens the URL in a browser of their own: the page is the top-level document.
    const context = await browser.newContext();
    try {
      const page = await newTestPage(context);
      await page.goto(checkout_url);
      await page.locator(`#${LOAD_ERROR_ELEMENT_ID}`).waitFor({ state: 'detached' });
      expect(await page.evaluate(() => window.parent === window)).toBe(true);
      await page.getByRole('heading', { level: 1, name: '$25 Top-up' }).waitFor();
      await page.getByText(en.t.phone.returningText(PHONE.slice(-4))).waitFor();
      await page.getByRole('button', { name: en.t.phone.send }).click();
      const codeField = page.getByRole('textbox', { name: en.t.code.label });
      await codeField.waitFor();
      await codeField.fill(await latestCode(stack, PHONE));
      await page.getByRole('button', { name: en.t.code.verify }).click();
      const onFile = page.getByRole('radio', {
        name: en.t.payment.cardOnFile('Visa', '4242', '12/34'),
      });
      expect(await onFile.isChecked()).toBe(true);
      await page.getByRole('button', { name: en.t.payment.buy('$25.00') }).click();
      const success = page.getByRole('heading', { name: en.t.success.creditsTitle });
      await success.waitFor();
      // Nobody to hand the result to: the screen stays, with no button back to a parent.
      expect(await page.locator('.success button').count()).toBe(0);
      expect(page.url()).toBe(checkout_url);
    } finally {
      await context.close();
    }
    expect(await credits()).toBe('25.00');

    const answered = await prompt();
    expect(answered.isError).toBeFalsy();
    expect(answered.structuredContent).toMatchObject({
      model: 'gpt-4o-mini',
      content: expect.any(String),
    });
    expect(openai.requests).toHaveLength(1);
  });
});
