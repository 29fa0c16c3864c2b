import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lava } from './Lava.ts';
import { LavaApiError } from './LavaApiError.ts';

const KEY = 'aks_test_0123456789abcdefghijklmnop';

const answering = (status: number, body: unknown) =>
  vi.fn<typeof globalThis.fetch>(async () => new Response(JSON.stringify(body), { status }));

/**
 * Mints with a Lava whose fetch must stay unused, and returns the minted token as the browser
 * decodes it.
 */
async function mintOffline(mint: (lava: Lava) => Promise<string>) {
  const fetch = vi.fn<typeof globalThis.fetch>();
  const token = await mint(new Lava(KEY, { baseUrl: 'http://127.0.0.1:4001/v1/', fetch }));
  expect(fetch).not.toHaveBeenCalled();
  const decoded = decodeCheckoutToken(token);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.token;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('Lava', () => {
  it('calls paths under baseUrl with the bearer key, adding the final / a baseUrl lacks', async () => {
    const fetch = answering(200, { data: [], has_more: false });
    const lava = new Lava(KEY, { baseUrl: 'http://127.0.0.1:4001/v1', fetch });
    await lava.meters.list({ limit: 5 });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe('http://127.0.0.1:4001/v1/meters?limit=5');
    expect(init?.headers).toMatchObject({ authorization: `Bearer ${KEY}` });
  });

  it('sends JSON bodies, metadata filters as the published SDK does, and an Idempotency-Key when given', async () => {
    const fetch = answering(201, {});
    const lava = new Lava(KEY, { baseUrl: 'http://127.0.0.1:4001/v1/', fetch });
    await lava.customers.create({ reference_id: 'u1' }, { idempotencyKey: 'k1' });
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      body: '{"reference_id":"u1"}',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k1' },
    });
    await lava.usage.retrieve({ start: '2026-11-01', metadata_filters: { feature: 'chat' } });
    expect(new URL(String(fetch.mock.calls[1]?.[0])).searchParams.get('metadata_filters')).toBe(
      '[["feature","chat"]]',
    );
  });

  it('mints checkout sessions locally, with the service as the token base', async () => {
    const token = await mintOffline(async (lava) => {
      const session = await lava.checkoutSessions.create({
        checkout_mode: 'subscription',
        origin_url: 'https://yourapp.com',
        plan_id: 'sc_1',
      });
      return session.checkout_session_token;
    });
    expect(token.base).toBe('http://127.0.0.1:4001/');
  });

  it('mints customer sessions locally, with the service as the token base', async () => {
    const token = await mintOffline(async (lava) => {
      const session = await lava.customerSessions.create({
        customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK',
        origin_url: 'https://yourapp.com',
      });
      return session.customer_session_token;
    });
    expect(token.base).toBe('http://127.0.0.1:4001/');
    expect(token.secret).toMatch(/^lcs_test_/);
  });

  it('throws LavaApiError with the status, code, field and message the API gave', async () => {
    const lava = new Lava(KEY, {
      baseUrl: 'http://127.0.0.1:4001/v1/',
      fetch: answering(404, {
        error: { code: 'not_found', message: 'Lava Checkout: no meter x.', param: 'meter_slug' },
      }),
    });
    const error = await lava.meters.retrieve('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavaApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'not_found',
      param: 'meter_slug',
      message: 'Lava Checkout: no meter x.',
    });
  });

  it('reads LAVA_SECRET_KEY and LAVA_BASE_URL when given nothing', async () => {
    vi.stubEnv('LAVA_SECRET_KEY', KEY);
    vi.stubEnv('LAVA_BASE_URL', 'http://127.0.0.1:4001/v1/');
    expect(() => new Lava()).not.toThrow();
  });

  it.each([
    ['secretKey', () => new Lava('sk_test_x', { baseUrl: 'http://a/v1/' }), /secretKey is invalid/],
    ['baseUrl', () => new Lava(KEY), /baseUrl is invalid: it is missing/],
    [
      'baseUrl',
      () => new Lava(KEY, { baseUrl: 'not a url' }),
      /baseUrl is invalid: it is not an absolute URL/,
    ],
  ])('names %s when it is wrong', (_, make, message) => {
    vi.stubEnv('LAVA_SECRET_KEY', '');
    vi.stubEnv('LAVA_BASE_URL', '');
    expect(make).toThrow(message);
  });
});
