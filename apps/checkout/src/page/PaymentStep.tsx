import { type FormEvent, useState } from 'react';
import type { SubscriptionOffer } from '../shared/PageBootstrap.ts';
import { type CheckoutApi, CheckoutApiError } from './createCheckoutApi.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { formatPrice } from './formatPrice.ts';
import type { CardFieldsInput, TokenizeResult } from './payments/CardTokenizer.ts';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

export interface PaymentStepProps {
  api: CheckoutApi;
  offer: SubscriptionOffer;
  testMode: boolean;
  /** Turns the card fields into a payment method, in the page, with the processor's code. */
  tokenize: (fields: CardFieldsInput) => Promise<TokenizeResult>;
  onProcessing: (processing: boolean) => void;
  onSubscribed: (customerId: string) => void;
  onSessionEnd: (code: SessionEndingCode) => void;
}

/** Step 3: the card, then the subscription. A decline keeps the customer here to try again. */
export function PaymentStep({
  api,
  offer,
  testMode,
  tokenize,
  onProcessing,
  onSubscribed,
  onSessionEnd,
}: PaymentStepProps) {
  const [card, setCard] = useState<CardFieldsInput>({ number: '', expiry: '', cvc: '' });
  const { busy, error, run } = useSubmit(onSessionEnd);
  const price = formatPrice(offer.price, offer.billingInterval);
  const set = (field: keyof typeof card) => (event: { target: { value: string } }) =>
    setCard((current) => ({ ...current, [field]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const made = await tokenize(card);
      if (!made.ok) throw new CheckoutApiError(400, 'invalid_request', made.message, made.field);
      onProcessing(true);
      let customerId: string;
      try {
        const result = await api.subscribe({ payment_method: made.paymentMethod });
        if (result.status !== 'succeeded') {
          throw new CheckoutApiError(
            402,
            'authentication_failed',
            'This card needs an authentication this checkout cannot run. Try another card.',
          );
        }
        customerId = result.customer_id;
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
      <Field
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        autoFocus
        placeholder="1234 1234 1234 1234"
        value={card.number}
        onChange={set('number')}
        required
      />
      <div className="row">
        <Field
          label="Expiration date"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM / YY"
          value={card.expiry}
          onChange={set('expiry')}
          required
        />
        <Field
          label="Security code"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder="CVC"
          maxLength={4}
          value={card.cvc}
          onChange={set('cvc')}
          required
        />
      </div>
      <ErrorMessage message={error} />
      <button type="submit" disabled={busy}>
        Subscribe for {price}
      </button>
    </form>
  );
}
