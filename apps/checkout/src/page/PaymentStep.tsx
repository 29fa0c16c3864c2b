import { type FormEvent, lazy, Suspense, useRef, useState } from 'react';
import type { SubscribeResponse } from '../shared/checkoutContract.ts';
import type { ProcessorPageConfig, SubscriptionOffer } from '../shared/PageBootstrap.ts';
import { type CheckoutApi, CheckoutApiError } from './createCheckoutApi.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { formatPrice } from './formatPrice.ts';
import type { CardFieldsHandle, CardFieldsInput } from './payments/CardTokenizer.ts';
import type { LoadStripeJs } from './payments/StripeJs.ts';
import { TestCardFields } from './payments/TestCardFields.tsx';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

// Stripe's fields and Stripe.js load only when a Stripe checkout reaches this step, so the
// first step weighs the same whatever the processor.
const StripeCardFields = lazy(() =>
  import('./payments/StripeCardFields.tsx').then((module) => ({
    default: module.StripeCardFields,
  })),
);

/** Authentications (3-D Secure) the step runs for one payment before giving up. */
const MAX_AUTHENTICATIONS = 2;

export interface PaymentStepProps {
  api: CheckoutApi;
  offer: SubscriptionOffer;
  testMode: boolean;
  /** Whose page code turns the card fields into a payment method (never our service). */
  processor: ProcessorPageConfig;
  /** Stories and tests hand in a stand-in for Stripe.js. */
  loadStripe?: LoadStripeJs | undefined;
  onProcessing: (processing: boolean) => void;
  onSubscribed: (customerId: string) => void;
  onSessionEnd: (code: SessionEndingCode) => void;
}

/**
 * Step 3: the card, then the subscription. The processor's page code makes the payment method
 * and runs any authentication the charge asks for. A decline keeps the customer here to try
 * again.
 */
export function PaymentStep({
  api,
  offer,
  testMode,
  processor,
  loadStripe,
  onProcessing,
  onSubscribed,
  onSessionEnd,
}: PaymentStepProps) {
  const fields = useRef<CardFieldsHandle>(null);
  const [invalid, setInvalid] = useState<keyof CardFieldsInput | null>(null);
  const { busy, error, run } = useSubmit(onSessionEnd);
  const price = formatPrice(offer.price, offer.billingInterval);

  /** Pays with the payment method, then runs each authentication the charge asks for. */
  const pay = async (card: CardFieldsHandle, paymentMethod: string) => {
    let result: SubscribeResponse = await api.subscribe({ payment_method: paymentMethod });
    for (let round = 1; result.status === 'requires_action'; round += 1) {
      if (
        round > MAX_AUTHENTICATIONS ||
        (await card.authenticate(result.client_secret)) !== 'done'
      ) {
        throw new CheckoutApiError(
          402,
          'authentication_failed',
          round > MAX_AUTHENTICATIONS
            ? 'Your bank did not confirm this payment. Try again in a few minutes, or use another card.'
            : 'This card needs an authentication this checkout cannot run. Try another card.',
        );
      }
      result = await api.subscribe({ charge: result.charge });
    }
    return result.customer_id;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const card = fields.current;
      if (!card) {
        throw new CheckoutApiError(
          0,
          'unknown_error',
          'The card form is still loading. Try again.',
        );
      }
      const made = await card.tokenize();
      setInvalid(made.ok ? null : made.field);
      if (!made.ok) throw new CheckoutApiError(400, 'invalid_request', made.message, made.field);
      onProcessing(true);
      let customerId: string;
      try {
        customerId = await pay(card, made.paymentMethod);
      } catch (error) {
        onProcessing(false);
        throw error;
      }
      // After success the page leaves this step; going back to "not processing" would undo that.
      onSubscribed(customerId);
    });
  };

  return (
    <form onSubmit={submit} aria-busy={busy} noValidate>
      <h2>Add a card</h2>
      {testMode ? (
        <p className="hint">
          Test mode: use 4242 4242 4242 4242, any future date and any 3 digits.
        </p>
      ) : null}
      {processor.kind === 'stripe' ? (
        <Suspense fallback={<p role="status">Loading the secure card form…</p>}>
          <StripeCardFields
            ref={fields}
            publishableKey={processor.publishableKey}
            invalid={invalid}
            loadStripe={loadStripe}
          />
        </Suspense>
      ) : (
        <TestCardFields ref={fields} invalid={invalid} />
      )}
      <ErrorMessage message={error} />
      <button type="submit" disabled={busy}>
        Subscribe for {price}
      </button>
    </form>
  );
}
