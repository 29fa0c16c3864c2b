import type { Stack } from '../scripts/startStack.ts';
import { merchantApi } from './merchantApi.ts';

/** A customer's credits, as `GET /v1/customers/:id/subscription` gives them. */
export async function creditsOf(
  stack: Pick<Stack, 'checkoutUrl' | 'secretKey'>,
  customerId: string,
): Promise<{ bundle_remaining: string; total_remaining: string }> {
  const { subscription } = await merchantApi<{
    subscription: { credits: { bundle_remaining: string; total_remaining: string } };
  }>(stack, 'GET', `customers/${customerId}/subscription`);
  return subscription.credits;
}
