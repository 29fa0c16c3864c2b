import { expect } from 'vitest';
import { type TestService, testPaymentMethod } from './startTestService.ts';

/**
 * A customer checks out a plan over the page API with a test card, each step answered 200: the
 * dev merchant's Pro Plan (49.00 a month, 25.00 included) unless named, paid with 4242 unless
 * told. Returns the new subscription's and customer's ids.
 */
export async function checkoutSubscription(
  t: TestService,
  options: { card?: string; phone?: string; planId?: string } = {},
): Promise<{ subscriptionId: string; customerId: string }> {
  const phone = options.phone ?? '+1 415 555 0100';
  const { secret } = await t.mint(options.planId ? { plan_id: options.planId } : {});
  expect((await t.post('phone', secret, { phone })).status).toBe(200);
  const code = await t.latestCode(phone.replace(/\s/g, ''));
  expect((await t.post('code', secret, { code })).status).toBe(200);
  const paid = await t.post('subscribe', secret, testPaymentMethod(options.card));
  expect(paid.status).toBe(200);
  const { subscription_id, customer_id } = (await paid.json()) as Record<string, string>;
  return { subscriptionId: subscription_id as string, customerId: customer_id as string };
}
