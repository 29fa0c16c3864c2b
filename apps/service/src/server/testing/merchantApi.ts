import { createMerchant } from '../merchants/createMerchant.ts';
import type { TestService } from './startTestService.ts';
import { testPaymentMethod } from './startTestService.ts';
import { testServiceEachTest } from './testServiceEachTest.ts';

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the REST API of a test service as a merchant, the way the SDK does. */
export type MerchantApi = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer<T>>;

export function merchantApi(t: TestService, secretKey: string | null): MerchantApi {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${t.service.url}v1/${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(secretKey === null ? {} : { authorization: `Bearer ${secretKey}` }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      body: (await response.json()) as never,
      headers: response.headers,
    };
  };
}

/**
 * Starts a test service before each test of the file and closes it after (see
 * `testServiceEachTest`). Returns handles that stand for the running test's: `t`, its service,
 * and `api`, a REST client of its development merchant.
 */
export function merchantApiEachTest(): { t: TestService; api: MerchantApi } {
  const t = testServiceEachTest();
  const api: MerchantApi = (...args) => merchantApi(t, t.devMerchant.secretKey)(...args);
  return { t, api };
}

/** Another merchant on the same service, with its own key. */
export async function otherMerchant(
  t: TestService,
): Promise<{ merchantId: string; api: MerchantApi }> {
  const created = await createMerchant(t.service.services.db, {
    name: 'Other Merchant',
    environment: 'test',
    now: new Date(t.clock.now),
  });
  return { merchantId: created.merchantId, api: merchantApi(t, created.secretKey) };
}

/** The seeds' meter (`ai-chat-tokens`) and a plan linked to it, made through the API. */
export async function seedCatalog(api: MerchantApi, suffix = '') {
  const meter = await api<{ meter_id: string; meter_slug: string }>('POST', 'meters', {
    name: `AI Chat Tokens${suffix}`,
    meter_slug: `chat-tokens${suffix.toLowerCase().replace(/[^a-z0-9]/g, '')}`,
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [{ start: '0', rate: '3.00' }],
  });
  const plan = await api<{ plan_id: string; credit_bundles: { credit_bundle_id: string }[] }>(
    'POST',
    'plans',
    {
      name: `Pro Plan${suffix}`,
      period_amount: '49.00',
      billing_interval: 'month',
      included_credit: '25.00',
      meter_ids: [meter.body.meter_id],
      credit_bundles: [{ name: '$25 Top-up', cost: '25.00', credit_amount: '25.00' }],
    },
  );
  return { meter: meter.body, plan: plan.body };
}

/** A customer made by a completed checkout of a plan (the dev merchant's unless named). */
export async function subscribedCustomer(
  t: TestService,
  options: { planId?: string; phone?: string; secretKey?: string } = {},
): Promise<string> {
  const phone = options.phone ?? '+1 415 555 0100';
  const { secret } = await t.mint(
    {
      ...(options.planId ? { plan_id: options.planId } : {}),
    },
    options.secretKey,
  );
  const sent = await t.post('phone', secret, { phone });
  if (!sent.ok) throw new Error(`phone: ${await sent.text()}`);
  const verified = (await (
    await t.post('code', secret, { code: await t.latestCode(phone.replace(/\s/g, '')) })
  ).json()) as {
    already_subscribed?: { customer_id: string };
    subscribed_without_card?: { customer_id: string };
  };
  // A customer who has the plan already is done once the code is right, and so is one whose
  // checkout needs no card (a $0 plan, or a change to a plan that costs no more).
  const done = verified.already_subscribed ?? verified.subscribed_without_card;
  if (done) return done.customer_id;
  const response = await t.post('subscribe', secret, testPaymentMethod());
  const body = (await response.json()) as { customer_id?: string };
  if (!body.customer_id) throw new Error(`subscribe: ${JSON.stringify(body)}`);
  return body.customer_id;
}
