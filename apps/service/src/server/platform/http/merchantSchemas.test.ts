import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenMeter } from '../../testing/createTokenMeter.ts';
import { type MerchantApi, merchantApi } from '../../testing/merchantApi.ts';
import { startTestService, type TestService } from '../../testing/startTestService.ts';

let t: TestService;
let api: MerchantApi;
let meterId: string;
let planId: string;
beforeAll(async () => {
  t = await startTestService();
  api = merchantApi(t, t.devMerchant.secretKey);
  meterId = await createTokenMeter(api, 'Tokens');
  planId = (
    await api<{ plan_id: string }>('POST', 'plans', {
      name: 'Plan',
      period_amount: '49.00',
      billing_interval: 'month',
    })
  ).body.plan_id;
});
afterAll(async () => {
  await t.close();
});

const PLAN = {
  name: 'Pro Plan',
  period_amount: '49.00',
  billing_interval: 'month',
  included_credit: '1.00',
  credit_bundles: [{ name: 'Top-up', cost: '25.00', credit_amount: '25.00' }],
};
const TIERS = [
  { start: '0', rate: '3.00' },
  { start: '1000000', rate: '1.00' },
];
const METER = { name: 'Chat', rate_type: 'fixed', tier_type: 'tokens_1m', tiers: TIERS };

/** Each money field of /v1: the request carrying it, with `value` put in its place. */
const FIELDS: [string, string, () => string, (value: string) => unknown][] = [
  ['period_amount', 'POST', () => 'plans', (v) => ({ ...PLAN, period_amount: v })],
  ['included_credit', 'POST', () => 'plans', (v) => ({ ...PLAN, included_credit: v })],
  [
    'credit_bundles.0.cost',
    'POST',
    () => 'plans',
    (v) => ({ ...PLAN, credit_bundles: [{ name: 'Top-up', cost: v, credit_amount: '1' }] }),
  ],
  [
    'credit_bundles.0.credit_amount',
    'POST',
    () => 'plans',
    (v) => ({ ...PLAN, credit_bundles: [{ name: 'Top-up', cost: '1', credit_amount: v }] }),
  ],
  ['included_credit', 'PATCH', () => `plans/${planId}`, (v) => ({ included_credit: v })],
  [
    'credit_bundles.0.cost',
    'PATCH',
    () => `plans/${planId}`,
    (v) => ({ credit_bundles: [{ name: 'Top-up', cost: v, credit_amount: '1' }] }),
  ],
  [
    'credit_bundles.0.credit_amount',
    'PATCH',
    () => `plans/${planId}`,
    (v) => ({ credit_bundles: [{ name: 'Top-up', cost: '1', credit_amount: v }] }),
  ],
  [
    'tiers.0.start',
    'POST',
    () => 'meters',
    (v) => ({ ...METER, tiers: [{ ...TIERS[0], start: v }, TIERS[1]] }),
  ],
  [
    'tiers.1.start',
    'POST',
    () => 'meters',
    (v) => ({ ...METER, tiers: [TIERS[0], { ...TIERS[1], start: v }] }),
  ],
  [
    'tiers.1.rate',
    'POST',
    () => 'meters',
    (v) => ({ ...METER, tiers: [TIERS[0], { ...TIERS[1], rate: v }] }),
  ],
  [
    'tiers.0.start',
    'PATCH',
    () => `meters/${meterId}`,
    (v) => ({ tiers: [{ ...TIERS[0], start: v }, TIERS[1]] }),
  ],
  [
    'tiers.1.start',
    'PATCH',
    () => `meters/${meterId}`,
    (v) => ({ tiers: [TIERS[0], { ...TIERS[1], start: v }] }),
  ],
  [
    'tiers.0.rate',
    'PATCH',
    () => `meters/${meterId}`,
    (v) => ({ tiers: [{ ...TIERS[0], rate: v }, TIERS[1]] }),
  ],
];

// A space before it, letters, full-width digits; then other things that are not a decimal.
const VALUES = [' 10', 'abc', '１０', '10 ', '', '1e3', 'Infinity', '-1', '1,000', '0.12345678901'];

describe('money the REST API cannot parse', () => {
  it.each(
    FIELDS.flatMap(([param, method, path, body]) =>
      VALUES.map((value) => [param, method, value, path, body] as const),
    ),
  )(
    '%s in %s, as %j: a 400 naming it, nothing changed, nothing logged',
    async (param, method, value, path, body) => {
      const logged = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
      const before = {
        plans: t.rows('plans'),
        meters: t.rows('meters'),
        bundles: t.rows('credit_bundles'),
      };
      try {
        const answer = await api(method, path(), body(value));
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({
          error: {
            code: 'invalid_request',
            param,
            message: expect.stringMatching(
              `^Lava Checkout: ${param} is invalid: expected a decimal string such as "[.0-9]+". Correct it`,
            ),
          },
        });
        expect({
          plans: t.rows('plans'),
          meters: t.rows('meters'),
          bundles: t.rows('credit_bundles'),
        }).toEqual(before);
        for (const spy of logged) expect(spy).not.toHaveBeenCalled();
      } finally {
        for (const spy of logged) spy.mockRestore();
      }
    },
  );

  it('takes the same fields written as decimals', async () => {
    for (const [param, method, path, body] of FIELDS) {
      const answer = await api(method, path(), body(param === 'tiers.0.start' ? '0' : '1.5'));
      expect([param, answer.status]).toEqual([param, method === 'POST' ? 201 : 200]);
    }
  });
});
