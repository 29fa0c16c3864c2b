import Stripe from 'stripe';
import type { ChargeState, PaymentProcessor } from './PaymentProcessor.ts';
import { stripePaymentFailure } from './stripePaymentFailure.ts';
import { toMinorUnits } from './toMinorUnits.ts';

export interface StripePaymentProcessorOptions {
  /** `sk_live_...` (or `sk_test_...`): server-side only. */
  secretKey: string;
  /** `pk_live_...` (or `pk_test_...`): the page makes payment methods with it. */
  publishableKey: string;
  /** Where the Stripe API is; tests point it at a fake on loopback. @default 'https://api.stripe.com' */
  apiUrl?: string | undefined;
  /** Retries of a request lost on the network, under the same idempotency key. @default 2 */
  maxNetworkRetries?: number;
  /** @default 20000 */
  timeoutMs?: number;
}

/** What Stripe.js makes from card fields; anything else is never sent to Stripe. */
const PAYMENT_METHOD_ID = /^pm_[A-Za-z0-9_]{1,250}$/;

const CANCELLED: ChargeState = {
  status: 'failed',
  failure: { code: 'processing_error', message: 'This payment was cancelled. Try again.' },
};

const idOf = (value: string | { id: string } | null): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

function stateOf(intent: Stripe.PaymentIntent): ChargeState {
  switch (intent.status) {
    case 'succeeded': {
      const customerRef = idOf(intent.customer);
      return customerRef ? { status: 'succeeded', customerRef } : { status: 'succeeded' };
    }
    case 'requires_action':
      return intent.client_secret
        ? { status: 'requires_action', clientSecret: intent.client_secret }
        : { status: 'processing' };
    case 'requires_confirmation':
      return { status: 'unconfirmed' };
    case 'requires_payment_method':
      // Back to needing a card: either never confirmed, or confirmed and refused.
      return intent.last_payment_error
        ? { status: 'failed', failure: stripePaymentFailure(intent.last_payment_error) }
        : { status: 'unconfirmed' };
    case 'processing':
    case 'requires_capture':
      return { status: 'processing' };
    case 'canceled':
      return CANCELLED;
    default:
      // A status this version does not know yet: not settled, so ask again later.
      return { status: 'processing' };
  }
}

const isStripeError = (error: unknown, code: string): error is Stripe.errors.StripeError =>
  error instanceof Stripe.errors.StripeError && error.code === code;

/**
 * The Stripe processor, on PaymentIntents. `createCharge` makes a Customer and an unconfirmed
 * PaymentIntent that saves the card to it for renewals (`setup_future_usage: off_session`), or,
 * for a card on file, a PaymentIntent of the customer the card is saved to,
 * both under idempotency keys derived from ours, so creating again names the same charge and
 * never moves money; `confirmCharge` confirms it under its own key. A card that needs 3-D Secure
 * comes back as `requires_action` with the client secret the page's Stripe.js finishes it with.
 * Off-session (renewals), the PaymentIntent of the saved customer and card is confirmed with
 * `off_session: true`; one that needs authentication is then refused (`authentication_required`).
 */
export function createStripePaymentProcessor(
  options: StripePaymentProcessorOptions,
): PaymentProcessor {
  const api = new URL(options.apiUrl ?? 'https://api.stripe.com');
  const protocol = api.protocol === 'http:' ? 'http' : 'https';
  const stripe = new Stripe(options.secretKey, {
    host: api.hostname,
    port: api.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'Lava Checkout' },
  });

  return {
    page: { kind: 'stripe', publishableKey: options.publishableKey },

    async readPaymentMethod(ref) {
      if (!PAYMENT_METHOD_ID.test(ref)) return null;
      let method: Stripe.PaymentMethod;
      try {
        method = await stripe.paymentMethods.retrieve(ref);
      } catch (error) {
        if (isStripeError(error, 'resource_missing')) return null;
        throw error;
      }
      if (method.type !== 'card' || !method.card) return null;
      return {
        processorRef: method.id,
        brand: method.card.brand,
        last4: method.card.last4,
        expMonth: method.card.exp_month,
        expYear: method.card.exp_year,
      };
    },

    async saveCard(paymentMethodRef, customerRef) {
      const customer =
        customerRef ??
        (
          await stripe.customers.create(
            { metadata: { lava_saved_card: paymentMethodRef } },
            { idempotencyKey: `save:${paymentMethodRef}:customer` },
          )
        ).id;
      await stripe.paymentMethods.attach(paymentMethodRef, { customer });
      return { customerRef: customer };
    },

    async createCharge(input) {
      const metadata = { lava_payment_key: input.idempotencyKey };
      // A card on file is already saved to its customer; a new card gets one to be saved to.
      const saved = input.customerRef !== undefined;
      const customerRef =
        input.customerRef ??
        (
          await stripe.customers.create(
            { metadata },
            { idempotencyKey: `${input.idempotencyKey}:customer` },
          )
        ).id;
      const intent = await stripe.paymentIntents.create(
        {
          amount: toMinorUnits(input.amount),
          currency: input.currency,
          customer: customerRef,
          payment_method: input.paymentMethodRef,
          allowed_payment_method_types: ['card'],
          ...(saved ? {} : { setup_future_usage: 'off_session' as const }),
          description: input.description,
          metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { chargeRef: intent.id };
    },

    async confirmCharge(chargeRef, idempotencyKey, confirm) {
      try {
        const intent = await stripe.paymentIntents.confirm(
          chargeRef,
          confirm?.offSession
            ? // Nobody is there: Stripe refuses a charge that needs 3-D Secure instead of asking.
              { off_session: true }
            : // The page finishes 3-D Secure with Stripe.js (handleNextAction), not a redirect.
              { use_stripe_sdk: true },
          { idempotencyKey: `${idempotencyKey}:confirm` },
        );
        return stateOf(intent);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) {
          return { status: 'failed', failure: stripePaymentFailure(error) };
        }
        // Already confirmed (say, by a retry whose answer was lost): where it stands is the answer.
        if (isStripeError(error, 'payment_intent_unexpected_state') && error.payment_intent) {
          return stateOf(error.payment_intent);
        }
        throw error;
      }
    },

    async getCharge(chargeRef) {
      return stateOf(await stripe.paymentIntents.retrieve(chargeRef));
    },

    async cancelCharge(chargeRef) {
      const intent = await stripe.paymentIntents.retrieve(chargeRef);
      if (intent.status === 'succeeded' || intent.status === 'canceled') return;
      try {
        await stripe.paymentIntents.cancel(chargeRef, { cancellation_reason: 'abandoned' });
      } catch (error) {
        // It succeeded or was cancelled between the two calls: nothing left to cancel.
        if (isStripeError(error, 'payment_intent_unexpected_state')) return;
        throw error;
      }
    },
  };
}
