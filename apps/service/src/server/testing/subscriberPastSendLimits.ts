import { subscribedCustomer } from './merchantApi.ts';
import type { TestService } from './startTestService.ts';

const MINUTE = 60_000;

/**
 * A customer subscribed to the dev merchant's plan by a checkout, with the clock then moved 11
 * minutes on: past the phone's send limits, so a later session may text it a code again.
 * Returns the customer's id.
 */
export async function subscriberPastSendLimits(
  t: TestService,
  phone = '+14155550100',
): Promise<string> {
  const customerId = await subscribedCustomer(t, { phone });
  t.clock.now += 11 * MINUTE;
  return customerId;
}
