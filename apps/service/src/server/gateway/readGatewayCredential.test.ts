import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import { readGatewayCredential } from './readGatewayCredential.ts';

const KEY = 'aks_test_Wq1tFh0sVvHk2P3m0wQ9xJ5aBcDeFgHiJkLmNoPqRsT';
const lava = new Lava(KEY, { baseUrl: 'http://127.0.0.1:4001/v1/' });
const CUSTOMER = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';
const METER = 'prd_test_01KK2NQPKARMY7D3HK65C2ZSYM';
const PLAN = 'sc_test_01KK2NQPKARMY7D3HK65C2ZSYP';

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });
const encode = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64');
const read = (token: string) => readGatewayCredential(bearer(token));
const problem = (result: ReturnType<typeof readGatewayCredential>) => {
  if (result.ok) throw new Error(`expected a refusal, got mode ${result.value.mode}`);
  return result.problem;
};

describe('readGatewayCredential, with tokens the published SDK mints', () => {
  it('reads customer billing from generateForwardToken({ customer_id, meter_slug })', () => {
    const token = lava.generateForwardToken({ customer_id: CUSTOMER, meter_slug: 'ai-chat' });
    expect(read(token)).toEqual({
      ok: true,
      value: {
        mode: 'customer',
        secretKey: KEY,
        environment: 'test',
        customerId: CUSTOMER,
        meter: { by: 'slug', slug: 'ai-chat' },
        providerKey: null,
        carriers: ['authorization'],
        form: 'forward_token',
      },
    });
  });

  it('reads billing disabled, keeping the customer, only when disable_billing is true', () => {
    const off = lava.generateForwardToken({
      customer_id: CUSTOMER,
      meter_slug: 'ai-chat',
      disable_billing: true,
    });
    expect(read(off)).toMatchObject({
      ok: true,
      value: { mode: 'billing_disabled', customerId: CUSTOMER, meter: { slug: 'ai-chat' } },
    });
    const on = lava.generateForwardToken({
      customer_id: CUSTOMER,
      meter_slug: 'ai-chat',
      disable_billing: false,
    });
    expect(read(on)).toMatchObject({ ok: true, value: { mode: 'customer' } });
  });

  it('reads meter-only from a token with customer_id null, as gateway() mints it', () => {
    const token = lava.generateForwardToken({ customer_id: null, meter_slug: 'ai-chat' });
    expect(Buffer.from(token, 'base64').toString()).toContain('"customer_id":null');
    expect(read(token)).toMatchObject({
      ok: true,
      value: { mode: 'meter', meter: { by: 'slug', slug: 'ai-chat' }, providerKey: null },
    });
  });

  it('reads merchant billing from a token holding only the secret key', () => {
    const token = lava.generateForwardToken({});
    expect(JSON.parse(Buffer.from(token, 'base64').toString())).toEqual({ secret_key: KEY });
    expect(read(token)).toMatchObject({
      ok: true,
      value: { mode: 'merchant', form: 'forward_token' },
    });
  });

  it("keeps the caller's own provider key, with any mode", () => {
    const own = lava.generateForwardToken({
      customer_id: null,
      meter_slug: null,
      provider_key: 'sk-own-provider-key',
    });
    expect(read(own)).toMatchObject({
      ok: true,
      value: { mode: 'merchant', providerKey: 'sk-own-provider-key' },
    });
    const billed = lava.generateForwardToken({
      customer_id: CUSTOMER,
      meter_slug: 'ai-chat',
      provider_key: 'sk-own-provider-key',
    });
    expect(read(billed)).toMatchObject({
      ok: true,
      value: { mode: 'customer', providerKey: 'sk-own-provider-key' },
    });
  });

  it('refuses a customer_id without a meter_slug, saying to send both', () => {
    // generateForwardToken lets it through; gateway() refuses it client-side.
    const token = lava.generateForwardToken({ customer_id: CUSTOMER } as never);
    const refused = problem(read(token));
    expect(refused.code).toBe('invalid_forward_token');
    expect(refused.status).toBe(401);
    expect(refused.message).toMatch(
      /customer_id but no meter_slug.*both customer_id and meter_slug/,
    );
  });
});

describe('readGatewayCredential: where the credential is', () => {
  const token = lava.generateForwardToken({ customer_id: CUSTOMER, meter_slug: 'ai-chat' });

  it.each([
    ['x-api-key', 'x-api-key'],
    ['x-goog-api-key', 'x-goog-api-key'],
    ['xi-api-key', 'xi-api-key'],
  ] as const)('reads it from %s', (header, carrier) => {
    const result = readGatewayCredential(new Headers({ [header]: token }));
    expect(result).toMatchObject({ ok: true, value: { mode: 'customer', carriers: [carrier] } });
  });

  it('reads it from the key query parameter, and from Node-style headers', () => {
    expect(readGatewayCredential({}, token)).toMatchObject({
      ok: true,
      value: { mode: 'customer', carriers: ['key'] },
    });
    expect(readGatewayCredential({ authorization: `bearer ${KEY}` })).toMatchObject({
      ok: true,
      value: { mode: 'merchant', form: 'secret_key', secretKey: KEY, carriers: ['authorization'] },
    });
  });

  it('reads the bare secret key as merchant billing', () => {
    expect(read(KEY)).toMatchObject({
      ok: true,
      value: { mode: 'merchant', form: 'secret_key', environment: 'test', providerKey: null },
    });
  });

  it("leaves a provider's own key beside it alone, and names every place the Lava credential was", () => {
    const result = readGatewayCredential(
      new Headers({
        authorization: `Bearer ${token}`,
        'x-api-key': 'sk-ant-api03-own',
        'xi-api-key': token,
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { carriers: ['authorization', 'xi-api-key'] },
    });
  });

  it('refuses two different Lava credentials', () => {
    const other = lava.generateForwardToken({ customer_id: null, meter_slug: 'other' });
    const refused = problem(
      readGatewayCredential(new Headers({ authorization: `Bearer ${token}`, 'x-api-key': other })),
    );
    expect(refused.message).toMatch(/different Lava credentials. Send one/);
  });

  it('answers 401 missing_credential when there is none, and says where to put one', () => {
    const refused = problem(
      readGatewayCredential(new Headers({ 'content-type': 'application/json' })),
    );
    expect(refused).toMatchObject({ code: 'missing_credential', status: 401 });
    expect(refused.message).toMatch(
      /^Lava Checkout: .*no Lava credential\. Send Authorization: Bearer/,
    );
  });

  it("refuses a provider's key sent where the Lava credential belongs", () => {
    const refused = problem(read('sk-proj-abc123'));
    expect(refused.code).toBe('invalid_forward_token');
    expect(refused.message).toMatch(/Authorization header holds neither a Lava secret key/);
  });
});

describe('readGatewayCredential: malformed tokens get a specific reason, never a throw', () => {
  it.each([
    [
      'base64 of text that is not JSON',
      Buffer.from('{not json').toString('base64'),
      /base64 but not valid JSON/,
    ],
    ['a JSON array', encode([KEY]), /not a JSON object/],
    ['no secret key', encode({ customer_id: CUSTOMER, meter_slug: 'm' }), /no valid secret_key/],
    ['a secret key of another shape', encode({ secret_key: 'sk_live_1' }), /no valid secret_key/],
    [
      'a misspelt field',
      encode({ secret_key: KEY, meterSlug: 'm' }),
      /field this service does not know, "meterSlug"/,
    ],
    [
      'a number for a customer id',
      encode({ secret_key: KEY, customer_id: 5, meter_slug: 'm' }),
      /customer_id must be a string or null/,
    ],
    [
      'an empty meter slug',
      encode({ secret_key: KEY, meter_slug: '' }),
      /meter_slug must be 1 to 255 characters/,
    ],
    [
      'disable_billing as a string',
      encode({ secret_key: KEY, customer_id: CUSTOMER, meter_slug: 'm', disable_billing: 'yes' }),
      /disable_billing must be true, false or null/,
    ],
    [
      'a secret key with a space',
      `aks_test_ab cd`,
      /neither a Lava secret key|malformed secret key/,
    ],
  ])('%s', (_name, token, reason) => {
    const result = (() => {
      try {
        return read(token);
      } catch (error) {
        throw new Error(`threw ${String(error)}`);
      }
    })();
    const refused = problem(result);
    expect(refused.status).toBe(401);
    expect(refused.message).toMatch(reason);
    expect(refused.message).toMatch(/^Lava Checkout: .+\. .+\.$/);
  });
});

describe('readGatewayCredential: older token bodies', () => {
  it('maps {secret_key, connection_secret, product_secret, provider_key} holding ids to customer billing', () => {
    const token = encode({
      secret_key: KEY,
      connection_secret: CUSTOMER,
      product_secret: METER,
      provider_key: 'sk-own',
    });
    expect(read(token)).toMatchObject({
      ok: true,
      value: {
        mode: 'customer',
        customerId: CUSTOMER,
        meter: { by: 'id', id: METER },
        providerKey: 'sk-own',
        form: 'legacy_forward_token',
      },
    });
  });

  it('maps {secret_key, customer_profile_secret, plan_id} to the meter of the plan', () => {
    const token = encode({ secret_key: KEY, customer_profile_secret: CUSTOMER, plan_id: PLAN });
    expect(read(token)).toMatchObject({
      ok: true,
      value: { mode: 'customer', customerId: CUSTOMER, meter: { by: 'plan', planId: PLAN } },
    });
  });

  it('maps {secret_key, connection_secret, meter_secret}, and the dotted oldest form', () => {
    expect(
      read(encode({ secret_key: KEY, connection_secret: CUSTOMER, meter_secret: METER })),
    ).toMatchObject({ ok: true, value: { mode: 'customer', meter: { by: 'id', id: METER } } });
    const dotted = Buffer.from(`${KEY}.${CUSTOMER}.${METER}`).toString('base64');
    expect(read(dotted)).toMatchObject({
      ok: true,
      value: { mode: 'customer', customerId: CUSTOMER },
    });
    expect(read(encode({ secret_key: KEY, product_secret: METER }))).toMatchObject({
      ok: true,
      value: { mode: 'meter', meter: { by: 'id', id: METER } },
    });
  });

  it('refuses secrets the older API issued, which this service never did, saying what to mint instead', () => {
    const refused = problem(
      read(
        encode({
          secret_key: KEY,
          connection_secret: 'cons_live_Gv3Kl2uKH_4BxcFQ',
          product_secret: METER,
        }),
      ),
    );
    expect(refused.message).toMatch(
      /connection_secret is a secret of Lava's older API, which this service never issued\. Mint a token with generateForwardToken/,
    );
    expect(
      problem(
        read(encode({ secret_key: KEY, connection_secret: CUSTOMER, product_secret: 'ps_live_x' })),
      ).message,
    ).toMatch(/product_secret is not a meter id \(prd_…\)/);
    expect(problem(read(encode({ secret_key: KEY, connection_secret: CUSTOMER }))).message).toMatch(
      /names a customer \(connection_secret\) but no meter/,
    );
    expect(
      problem(read(encode({ secret_key: KEY, connection_secret: CUSTOMER, meter_slug: 'm' })))
        .message,
    ).toMatch(/mixes meter_slug with the older connection_secret/);
  });
});
