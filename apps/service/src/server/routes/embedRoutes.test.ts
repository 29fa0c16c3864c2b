import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FAKE_PLAN_OFFER } from '../../page/testing/fakeBootstrap.ts';
import { TEST_ORIGIN, testPaymentMethod } from '../testing/startTestService.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

const t = testServiceEachTest();

const page = (secret: string) => fetch(`${t.service.url}embed/checkout/${secret}`);

function bootstrapOf(html: string): unknown {
  const json = /<script id="lava-bootstrap" type="application\/json">(.*?)<\/script>/s.exec(
    html,
  )?.[1];
  return JSON.parse(json ?? 'null');
}

describe('GET /embed/checkout/:secret', () => {
  it('serves the page for a valid session, framable only by its origin_url', async () => {
    const session = await t.mint();
    const response = await page(session.secret);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain(
      `frame-ancestors ${TEST_ORIGIN}`,
    );
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(bootstrapOf(await response.text())).toEqual({
      status: 'active',
      checkoutSessionId: session.id,
      originUrl: TEST_ORIGIN,
      testMode: true,
      processor: { kind: 'test' },
      merchant: {
        name: 'Lava Demo Merchant',
        logoUrl: null,
        termsUrl: null,
        privacyUrl: null,
        supportEmail: null,
      },
      // The stories' and page tests' plan is the offer the service really writes.
      offer: FAKE_PLAN_OFFER,
      returning: null,
      phoneInput: {
        countries: ['US', 'CA'],
        metadata: expect.objectContaining({ country_calling_codes: { '1': ['US', 'CA'] } }),
      },
      step: 'phone',
      phone: null,
      cardOnFile: null,
      idleAfterMs: 15 * 60 * 1000,
      idleInMs: 15 * 60 * 1000,
      expiresInMs: 60 * 60 * 1000,
    });
  });

  it("renders the first step into the page, in the customer's language", async () => {
    const session = await t.mint();
    const response = await fetch(`${t.service.url}embed/checkout/${session.secret}`, {
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(response.headers.get('vary')).toContain('Accept-Language');
    const html = await response.text();
    expect(html).toContain('<html lang="es-MX">');
    const root = /<div id="root">(.*)<\/div>/s.exec(html)?.[1] ?? '';
    expect(root).toContain('Número de teléfono');
    expect(root).toContain('name="phone"');
    expect(root).toContain('Pro Plan');
  });

  it("gives the phone field the numbering plans of the merchant's countries only", async () => {
    const db = new Database(join(t.dataDir, 'checkout.sqlite'));
    db.prepare('update merchants set sms_countries = ?').run('["ES","MX"]');
    db.close();
    const session = await t.mint();
    const bootstrap = bootstrapOf(await (await page(session.secret)).text()) as {
      phoneInput: { countries: string[]; metadata: { countries: Record<string, unknown> } };
    };
    expect(bootstrap.phoneInput.countries).toEqual(['ES', 'MX']);
    expect(Object.keys(bootstrap.phoneInput.metadata.countries).sort()).toEqual(['ES', 'MX']);
  });

  it('counts down what is left of the 15 idle minutes from the last step', async () => {
    const session = await t.mint();
    await page(session.secret);
    t.clock.now += 4 * 60 * 1000;
    await t.post('phone', session.secret, { phone: '+1 415 555 0100' });
    t.clock.now += 5 * 60 * 1000;
    expect(bootstrapOf(await (await page(session.secret)).text())).toMatchObject({
      idleInMs: 10 * 60 * 1000,
      expiresInMs: 51 * 60 * 1000,
    });
  });

  it('carries any text from the database into the page intact', async () => {
    const name = "Pro $& $' $$ $` </script><script>alert(1)</script>";
    const db = new Database(join(t.dataDir, 'checkout.sqlite'));
    db.prepare('update plans set name = ?').run(name);
    db.prepare('update merchants set name = ?').run(`Merchant ${name}`);
    db.close();
    const session = await t.mint();
    const html = await (await page(session.secret)).text();
    expect(bootstrapOf(html)).toMatchObject({
      merchant: { name: `Merchant ${name}` },
      offer: { planName: name },
    });
    // One script element for the bootstrap, whatever the names hold.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('sends the transport and isolation headers on the page', async () => {
    const session = await t.mint();
    const response = await page(session.secret);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('resumes at the code step after a reload', async () => {
    const session = await t.mint();
    await t.post('phone', session.secret, { phone: '+1 415 555 0100' });
    expect(bootstrapOf(await (await page(session.secret)).text())).toMatchObject({
      step: 'code',
      phone: '+1 415 555 0100',
    });
  });

  it.each([
    ['garbage', 'not-a-secret'],
    ['a script', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
  ])(
    'answers %s with the invalid page (404), which says nothing of any session',
    async (_, secret) => {
      const response = await page(secret);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(bootstrapOf(html)).toEqual({ status: 'invalid' });
      expect(html).not.toContain('<script>alert');
      expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    },
  );

  it('answers a tampered secret with the invalid page', async () => {
    const { secret } = await t.mint();
    const tampered = `${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    const response = await page(tampered);
    expect(response.status).toBe(404);
    expect(bootstrapOf(await response.text())).toEqual({ status: 'invalid' });
  });

  it('answers an expired session with its own page (410), still framable only by its origin', async () => {
    const session = await t.mint();
    t.clock.now += 60 * 60 * 1000;
    const response = await page(session.secret);
    expect(response.status).toBe(410);
    expect(response.headers.get('content-security-policy')).toContain(
      `frame-ancestors ${TEST_ORIGIN}`,
    );
    expect(bootstrapOf(await response.text())).toEqual({
      status: 'expired',
      checkoutSessionId: session.id,
      originUrl: TEST_ORIGIN,
      mode: 'subscription',
      merchantName: 'Lava Demo Merchant',
    });
  });

  it('answers a completed session with its own page (409)', async () => {
    const session = await t.mint();
    await t.post('phone', session.secret, { phone: '+1 415 555 0100' });
    await t.post('code', session.secret, { code: await t.latestCode() });
    await t.post('subscribe', session.secret, testPaymentMethod());
    const response = await page(session.secret);
    expect(response.status).toBe(409);
    expect(bootstrapOf(await response.text())).toEqual({
      status: 'completed',
      checkoutSessionId: session.id,
      originUrl: TEST_ORIGIN,
      mode: 'subscription',
      merchantName: 'Lava Demo Merchant',
    });
  });
});

describe('GET /checkout/:secret (the standalone page)', () => {
  const standalone = (secret: string) => fetch(`${t.service.url}checkout/${secret}`);

  it('serves the same page, marked standalone, that no site may frame', async () => {
    const session = await t.mint();
    const [framed, alone] = await Promise.all([page(session.secret), standalone(session.secret)]);
    expect(alone.status).toBe(200);
    const csp = alone.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(alone.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(alone.headers.get('referrer-policy')).toBe('no-referrer');
    expect(alone.headers.get('cache-control')).toBe('no-store');
    const html = await alone.text();
    expect(bootstrapOf(html)).toEqual({
      ...(bootstrapOf(await framed.text()) as object),
      standalone: true,
    });
    // The first step is rendered on the server, as in the frame.
    expect(html).toContain('type="tel"');
  });

  it('answers an ended session with its screen, without a way back to a parent', async () => {
    const session = await t.mint();
    t.clock.now += 60 * 60 * 1000;
    const response = await standalone(session.secret);
    expect(response.status).toBe(410);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(bootstrapOf(html)).toMatchObject({ status: 'expired', standalone: true });
    expect(html).not.toContain('<button');
  });

  it('answers garbage with the invalid page, still unframable', async () => {
    const response = await standalone('not-a-secret');
    expect(response.status).toBe(404);
    expect(bootstrapOf(await response.text())).toEqual({ status: 'invalid', standalone: true });
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
