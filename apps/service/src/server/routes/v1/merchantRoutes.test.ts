import { describe, expect, it } from 'vitest';
import { createMerchant } from '../../merchants/createMerchant.ts';
import { merchantApi, merchantApiEachTest } from '../../testing/merchantApi.ts';

const { t, api } = merchantApiEachTest();

const ACME = {
  name: 'Acme AI',
  logo_url: 'https://cdn.acme.example.com/logo.svg',
  support_email: 'support@acme.example.com',
  terms_url: 'https://acme.example.com/terms',
  privacy_url: 'https://acme.example.com/privacy',
};

/** The hosted page of a fresh checkout: its bootstrap and its Content-Security-Policy. */
async function openCheckout() {
  const { secret } = await t.mint();
  const response = await fetch(`${t.service.url}embed/checkout/${secret}`);
  const json = /<script id="lava-bootstrap" type="application\/json">(.*?)<\/script>/s.exec(
    await response.text(),
  )?.[1];
  return {
    bootstrap: JSON.parse(json ?? 'null') as { merchant: Record<string, unknown> },
    csp: response.headers.get('content-security-policy') ?? '',
  };
}

describe('/v1/merchant', () => {
  it('answers the account the key belongs to, with the brand it has', async () => {
    const read = await api('GET', 'merchant');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      merchant_id: t.devMerchant.merchantId,
      environment: 'test',
      name: 'Lava Demo Merchant',
      logo_url: null,
      support_email: null,
      terms_url: null,
      privacy_url: null,
      auto_top_ups_per_cycle: 5,
      created_at: expect.any(String),
    });
  });

  it('sets how many auto top-ups a subscription may buy in a cycle, null back to the default', async () => {
    const set = await api('PATCH', 'merchant', { auto_top_ups_per_cycle: 2, name: 'Acme' });
    expect(set.body).toMatchObject({ auto_top_ups_per_cycle: 2, name: 'Acme' });
    expect((await api('GET', 'merchant')).body).toMatchObject({ auto_top_ups_per_cycle: 2 });
    for (const refused of [-1, 1.5, 101, '3']) {
      const answer = await api<{ error: { param: string } }>('PATCH', 'merchant', {
        auto_top_ups_per_cycle: refused,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.param).toBe('auto_top_ups_per_cycle');
    }
    const reset = await api('PATCH', 'merchant', { auto_top_ups_per_cycle: null });
    expect(reset.body).toMatchObject({ auto_top_ups_per_cycle: 5 });
  });

  it('sets the brand, and the next checkout shows it, its logo allowed by the page', async () => {
    // A checkout opened before the change keeps the merchant for a while; the change is seen at once.
    expect((await openCheckout()).bootstrap.merchant.name).toBe('Lava Demo Merchant');
    const set = await api('PATCH', 'merchant', ACME);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject(ACME);
    expect((await api('GET', 'merchant')).body).toMatchObject(ACME);

    const { bootstrap, csp } = await openCheckout();
    expect(bootstrap.merchant).toEqual({
      name: 'Acme AI',
      logoUrl: 'https://cdn.acme.example.com/logo.svg',
      supportEmail: 'support@acme.example.com',
      termsUrl: 'https://acme.example.com/terms',
      privacyUrl: 'https://acme.example.com/privacy',
    });
    expect(csp).toContain("img-src 'self' data: https://cdn.acme.example.com;");

    // A session that has ended names the merchant on its way back too.
    const { secret } = await t.mint();
    t.clock.now += 60 * 60 * 1000;
    const ended = await fetch(`${t.service.url}embed/checkout/${secret}`);
    expect(ended.status).toBe(410);
    expect(await ended.text()).toContain('"merchantName":"Acme AI"');
  });

  it('changes only the fields given, and null clears one', async () => {
    await api('PATCH', 'merchant', ACME);
    const cleared = await api('PATCH', 'merchant', { logo_url: null, name: '  Acme  ' });
    expect(cleared.body).toMatchObject({ ...ACME, name: 'Acme', logo_url: null });
    const { bootstrap, csp } = await openCheckout();
    expect(bootstrap.merchant).toMatchObject({ name: 'Acme', logoUrl: null });
    expect(csp).toContain("img-src 'self' data:;");
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(81) }, 'name'],
    [{ logo_url: 'javascript:alert(1)' }, 'logo_url'],
    [{ terms_url: 'acme.example.com/terms' }, 'terms_url'],
    [{ privacy_url: `https://acme.example.com/${'p'.repeat(2048)}` }, 'privacy_url'],
    [{ support_email: 'not an address' }, 'support_email'],
    [{ colour: 'red' }, 'body'],
  ])('refuses %j with a 400 naming %s', async (body, param) => {
    const refused = await api<{ error: { code: string; param: string; message: string } }>(
      'PATCH',
      'merchant',
      body,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_request', param });
    expect(refused.body.error.message).toMatch(/^Lava Checkout: /);
    expect((await api('GET', 'merchant')).body).toMatchObject({ name: 'Lava Demo Merchant' });
  });

  it('takes http links from a test merchant, and only https from a live one', async () => {
    const local = { logo_url: 'http://localhost:4000/acme-logo.svg' };
    expect((await api('PATCH', 'merchant', local)).status).toBe(200);

    const live = await createMerchant(t.service.services.db, {
      name: 'Live Merchant',
      environment: 'live',
      now: new Date(t.clock.now),
    });
    const liveApi = merchantApi(t, live.secretKey);
    const refused = await liveApi<{ error: { param: string; message: string } }>(
      'PATCH',
      'merchant',
      local,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.param).toBe('logo_url');
    expect(refused.body.error.message).toMatch(/https/);
    expect((await liveApi('PATCH', 'merchant', ACME)).status).toBe(200);
  });

  it('needs the secret key', async () => {
    expect((await merchantApi(t, null)('PATCH', 'merchant', ACME)).status).toBe(401);
  });
});
