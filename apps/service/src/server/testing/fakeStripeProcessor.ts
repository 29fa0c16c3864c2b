import { createStripePaymentProcessor } from '../payments/createStripePaymentProcessor.ts';
import type { FakeStripe } from './startFakeStripe.ts';

/**
 * The Stripe payment processor pointed at a fake Stripe. A lost request fails at once here:
 * the retry path is Stripe's library's own.
 */
export function fakeStripeProcessor(
  stripe: Pick<FakeStripe, 'secretKey' | 'publishableKey' | 'url'>,
) {
  return createStripePaymentProcessor({
    secretKey: stripe.secretKey,
    publishableKey: stripe.publishableKey,
    apiUrl: stripe.url,
    maxNetworkRetries: 0,
  });
}
