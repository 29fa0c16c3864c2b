import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { merchantApi, seedCatalog, subscribedCustomer } from '../testing/merchantApi.ts';
import { providerSettingsFor } from '../testing/providerSettingsFor.ts';
import { PROCESS_TEST_BUDGET_MS } from '../testing/runServiceCommand.ts';
import { type FakeProvider, startFakeProvider } from '../testing/startFakeProvider.ts';
import { startTestService, type TestService } from '../testing/startTestService.ts';

// A client of the official MCP SDK against the real service on loopback: over Streamable HTTP
// at /mcp, and over stdio from the @lava-checkout/mcp package's bin, pointed at the service.

const PHONE = '+14155550100';
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

let t: TestService;
let openai: FakeProvider;
let anthropic: FakeProvider;
let customerId: string;
const clients: Client[] = [];

beforeAll(async () => {
  openai = await startFakeProvider();
  anthropic = await startFakeProvider();
  t = await startTestService({
    config: {
      providerSettings: {
        ...providerSettingsFor(openai, ['OPENAI']),
        ...providerSettingsFor(anthropic, ['ANTHROPIC']),
      },
    },
  });
  customerId = await subscribedCustomer(t, { phone: PHONE });
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});
afterAll(async () => {
  await t.close();
  await openai.close();
  await anthropic.close();
});

async function overHttp(headers: Record<string, string> = {}) {
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${t.service.url}mcp`), {
      requestInit: { headers },
    }),
  );
  clients.push(client);
  return client;
}

/** The newest sign-in code texted to `phone`, from the development SMS outbox. */
async function signInCode(phone: string): Promise<string> {
  const { data } = (await (await fetch(`${t.service.url}dev/outbox`)).json()) as {
    data: { to: string; body: string }[];
  };
  const codes = data
    .filter((entry) => entry.to === phone && entry.body.includes('sign-in code'))
    .map((entry) => /\b(\d{6})\b/.exec(entry.body)?.[1]);
  const code = codes.at(-1);
  if (!code) throw new Error(`no sign-in code was texted to ${phone}`);
  return code;
}

/** Opens a checkout URL as a browser would, and reads the page's bootstrap. */
async function openCheckout(url: string): Promise<Record<string, unknown>> {
  expect(url.startsWith(`${t.service.url}checkout/`)).toBe(true);
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  const json = /<script id="lava-bootstrap" type="application\/json">(.*?)<\/script>/s.exec(
    await page.text(),
  )?.[1];
  return JSON.parse(json ?? 'null') as Record<string, unknown>;
}

/** The checkout session as the service recorded it (the REST API shows its customer once paid). */
const sessionRow = (id: string) =>
  t.service.services.db
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();

const post = (path: string, body: unknown) =>
  fetch(`${t.service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the MCP server over Streamable HTTP at /mcp', () => {
  it('lists its tools with input and output schemas, read-only ones marked', async () => {
    const { tools } = await (await overHttp()).listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'call',
      'get_balance',
      'get_provider_docs',
      'get_usage',
      'login',
      'prompt',
      'search',
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    const readOnly = tools.filter((tool) => tool.annotations?.readOnlyHint).map((t) => t.name);
    expect(readOnly.sort()).toEqual(['get_balance', 'get_provider_docs', 'get_usage', 'search']);
  });

  it('without a key, searches and reads provider docs, and says to log in for the rest', async () => {
    const client = await overHttp();
    const search = await client.callTool({ name: 'search', arguments: { query: 'gpt-4o-mini' } });
    expect(search.isError).toBeFalsy();
    expect(search.structuredContent).toMatchObject({
      models: expect.arrayContaining([expect.objectContaining({ id: 'gpt-4o-mini' })]),
    });
    const docs = await client.callTool({
      name: 'get_provider_docs',
      arguments: { provider: 'anthropic' },
    });
    expect(docs.structuredContent).toMatchObject({
      chat_completions_url: 'https://api.anthropic.com/v1/chat/completions',
    });
    const balance = await client.callTool({ name: 'get_balance', arguments: {} });
    expect(balance.isError).toBe(true);
    expect(JSON.stringify(balance.content)).toContain('Run the login tool');
  });

  it('logs a customer in through the sign-in page with a texted code, then reads their balance', async () => {
    const client = await overHttp();
    const started = await client.callTool({
      name: 'login',
      arguments: { merchant_id: t.devMerchant.merchantId },
    });
    const { sign_in_url } = started.structuredContent as { sign_in_url: string };
    const page = await fetch(sign_in_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Text me a code');
    const id = new URL(sign_in_url).pathname.split('/').at(-1);
    // The checkout texted this phone a moment ago: past the resend cool-down.
    t.clock.now += 5 * 60_000;
    expect((await post(`agent/sign_ins/${id}/phone`, { phone: PHONE })).status).toBe(200);
    expect((await post(`agent/sign_ins/${id}/code`, { code: '000000' })).status).toBe(422);
    const code = await signInCode(PHONE);
    expect((await post(`agent/sign_ins/${id}/code`, { code })).status).toBe(200);

    const done = await client.callTool({ name: 'login', arguments: {} });
    expect(done.structuredContent).toMatchObject({ status: 'signed_in' });
    const balance = await client.callTool({ name: 'get_balance', arguments: {} });
    expect(balance.isError).toBeFalsy();
    expect(balance.structuredContent).toMatchObject({
      customer_id: customerId,
      subscription: { credits: { cycle_remaining: '25.00' } },
    });

    // prompt and call go through the gateway to the (fake) provider, billed to the customer.
    const prompted = await client.callTool({
      name: 'prompt',
      arguments: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }] },
    });
    expect(prompted.isError).toBeFalsy();
    expect(prompted.structuredContent).toMatchObject({
      model: 'gpt-4o-mini',
      content: expect.any(String),
    });
    const called = await client.callTool({
      name: 'call',
      arguments: {
        method: 'POST',
        url: 'https://api.openai.com/v1/chat/completions',
        body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
      },
    });
    expect(called.structuredContent).toMatchObject({ status: 200 });
    // A provider failing with a 5xx: the next model is tried.
    openai.set({ fail: { status: 503, body: { error: { message: 'overloaded' } } } });
    const fellBack = await client.callTool({
      name: 'prompt',
      arguments: {
        model: 'gpt-4o-mini',
        fallbacks: ['claude-3-5-haiku'],
        messages: [{ role: 'user', content: 'Hello!' }],
      },
    });
    openai.set({ fail: null });
    expect(fellBack.structuredContent).toMatchObject({
      model: 'claude-3-5-haiku',
      tried: [expect.objectContaining({ model: 'gpt-4o-mini', status: 503 })],
    });
    // More than the credits left could pay: a machine-readable payment_required.
    const tooBig = await client.callTool({
      name: 'prompt',
      arguments: {
        model: 'gpt-4o-mini',
        max_tokens: 100_000_000,
        messages: [{ role: 'user', content: 'Hello!' }],
      },
    });
    // Its URL opens the standalone page for this customer (the phone on file), selling the
    // plan's credit bundle.
    expect(tooBig.structuredContent).toMatchObject({
      status: 'payment_required',
      checkout_url: expect.stringMatching(/\/checkout\/[^/]+$/),
    });
    const sold = await openCheckout(
      (tooBig.structuredContent as { checkout_url: string }).checkout_url,
    );
    expect(sold).toMatchObject({
      standalone: true,
      status: 'active',
      originUrl: new URL(t.service.url).origin,
      offer: { kind: 'credit_bundle', planName: 'Pro Plan' },
      returning: { phoneLast4: '0100' },
    });
    expect(await sessionRow(String(sold.checkoutSessionId))).toMatchObject({
      mode: 'credit_bundle',
      customer_id: customerId,
    });

    const usage = await client.callTool({ name: 'get_usage', arguments: { days: 7 } });
    expect(usage.isError).toBeFalsy();
    const billed = await merchantApi(t, t.devMerchant.secretKey)<{
      totals: { total_requests: number };
    }>(
      'GET',
      `usage?start=${new Date(t.clock.now - 86_400_000).toISOString()}&customer_id=${customerId}`,
    );
    expect(billed.body.totals.total_requests).toBeGreaterThanOrEqual(3);
  });

  it("out of credits, sells a bundle of the customer's plan at a URL, elicited where the client can", async () => {
    const api = merchantApi(t, t.devMerchant.secretKey);
    const { meter, plan } = await seedCatalog(api, ' Bundles');
    const phone = '+14155550123';
    const buyer = await subscribedCustomer(t, { planId: plan.plan_id, phone });
    const created = await api<{ key: string }>('POST', 'spend_keys', {
      name: 'Agent with a bundle',
      customer_id: buyer,
      meter_slug: meter.meter_slug,
    });
    // A client that takes URL-mode elicitations: it is asked to open the checkout.
    const client = new Client(
      { name: 'test', version: '1.0.0' },
      { capabilities: { elicitation: { url: {} } } },
    );
    const elicited: { mode?: string; url?: string }[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      elicited.push(request.params as { mode?: string; url?: string });
      return { action: 'accept' };
    });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${t.service.url}mcp`), {
        requestInit: { headers: { authorization: `Bearer ${created.body.key}` } },
      }),
    );
    clients.push(client);
    const refused = await client.callTool({
      name: 'call',
      arguments: {
        method: 'POST',
        url: 'https://api.openai.com/v1/chat/completions',
        body: {
          model: 'gpt-4o-mini',
          max_tokens: 100_000_000,
          messages: [{ role: 'user', content: 'Hi' }],
        },
      },
    });
    expect(refused.structuredContent).toMatchObject({ status: 'payment_required' });
    const { checkout_url } = refused.structuredContent as { checkout_url: string };
    expect(elicited).toEqual([expect.objectContaining({ mode: 'url', url: checkout_url })]);
    const sold = await openCheckout(checkout_url);
    expect(sold).toMatchObject({
      standalone: true,
      status: 'active',
      offer: { kind: 'credit_bundle', bundleName: '$25 Top-up', planName: 'Pro Plan Bundles' },
      returning: { phoneLast4: '0123' },
    });
    expect(await sessionRow(String(sold.checkoutSessionId))).toMatchObject({
      mode: 'credit_bundle',
      customer_id: buyer,
      credit_bundle_id: plan.credit_bundles[0]?.credit_bundle_id,
    });
  });

  it('sells nothing to a merchant-wide key or a customer without a plan, and says why', async () => {
    const api = merchantApi(t, t.devMerchant.secretKey);
    const slug = (await api<{ data: { meter_slug: string }[] }>('GET', 'meters')).body.data[0]
      ?.meter_slug;
    const planless = await api<{ customer_id: string }>('POST', 'customers', {
      reference_id: 'no-plan',
    });
    const keys = [
      await api<{ key: string }>('POST', 'spend_keys', { name: 'Merchant-wide' }),
      await api<{ key: string }>('POST', 'spend_keys', {
        name: 'No plan',
        customer_id: planless.body.customer_id,
        meter_slug: slug,
      }),
    ];
    const answers = await Promise.all(
      keys.map(async (key) => {
        const response = await fetch(`${t.service.url}agent/checkout_sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key.body.key}` },
        });
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers).toEqual([
      {
        status: 409,
        body: {
          error: expect.objectContaining({ message: expect.stringContaining("the merchant's") }),
        },
      },
      {
        status: 409,
        body: {
          error: expect.objectContaining({ message: expect.stringContaining('no active plan') }),
        },
      },
    ]);
  });

  it('takes a spend key as bearer token, refuses an unknown one with its metadata, and serves the metadata', async () => {
    const api = merchantApi(t, t.devMerchant.secretKey);
    const created = await api<{ key: string; spend_key_id: string }>('POST', 'spend_keys', {
      name: 'Remote agent',
    });
    const client = await overHttp({ authorization: `Bearer ${created.body.key}` });
    const balance = await client.callTool({ name: 'get_balance', arguments: {} });
    expect(balance.structuredContent).toMatchObject({ customer_id: null });

    await api('DELETE', `spend_keys/${created.body.spend_key_id}`);
    const refused = await fetch(`${t.service.url}mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${created.body.key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(
      'resource_metadata="http://127.0.0.1',
    );
    const metadata = await (
      await fetch(`${t.service.url}.well-known/oauth-protected-resource/mcp`)
    ).json();
    expect(metadata).toMatchObject({ resource: `${t.service.url}mcp` });
  });
});

describe('the MCP server over stdio, from the package', { timeout: PROCESS_TEST_BUDGET_MS }, () => {
  it('starts pointed at the service by LAVA_CHECKOUT_URL and uses LAVA_CHECKOUT_KEY', async () => {
    const api = merchantApi(t, t.devMerchant.secretKey);
    const created = await api<{ key: string }>('POST', 'spend_keys', {
      name: 'Local agent',
      customer_id: customerId,
      meter_slug: (await api<{ data: { meter_slug: string }[] }>('GET', 'meters')).body.data[0]
        ?.meter_slug,
    });
    expect(created.status).toBe(201);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--conditions=@lava-checkout/source', '--import', 'tsx', 'packages/mcp/src/cli.ts'],
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          LAVA_CHECKOUT_URL: t.service.url,
          LAVA_CHECKOUT_KEY: created.body.key,
        },
      }),
    );
    clients.push(client);
    expect((await client.listTools()).tools).toHaveLength(7);
    const balance = await client.callTool({ name: 'get_balance', arguments: {} });
    expect(balance.structuredContent).toMatchObject({ customer_id: customerId });
  });
});
