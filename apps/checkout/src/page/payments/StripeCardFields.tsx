import { type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import type { CardFieldsHandle, CardFieldsInput, TokenizeResult } from './CardTokenizer.ts';
import { loadStripeJs } from './loadStripeJs.ts';
import type { LoadStripeJs, StripeCardForm, StripeJs, StripeJsError } from './StripeJs.ts';

export interface StripeCardFieldsProps {
  ref: Ref<CardFieldsHandle>;
  publishableKey: string;
  /** The field the last attempt found wrong. */
  invalid: keyof CardFieldsInput | null;
  /** Stories and tests hand in a stand-in. @default loadStripeJs */
  loadStripe?: LoadStripeJs | undefined;
}

/** Which of our fields a Stripe.js error is about, from its code. */
const fieldOf = (error: StripeJsError): keyof CardFieldsInput => {
  const code = error.code ?? '';
  if (/expir/.test(code)) return 'expiry';
  if (/cvc/.test(code)) return 'cvc';
  return 'number';
};

interface ElementFieldProps {
  label: string;
  invalid: boolean;
  container: Ref<HTMLFieldSetElement>;
}

/**
 * A Stripe Element with our label. The input itself lives in Stripe's frame, where Stripe names
 * it; the group (a fieldset) around the frame carries our name, so the field reads as "Card
 * number" (and so on) before Stripe's own label, and clicking our label focuses the Element.
 */
function ElementField({ label, invalid, container }: ElementFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label id={`${id}-label`} htmlFor={id}>
        {label}
      </label>
      <fieldset
        id={id}
        ref={container}
        aria-labelledby={`${id}-label`}
        aria-invalid={invalid ? true : undefined}
        className="card-element"
      />
    </div>
  );
}

/**
 * Stripe's card fields (Elements): the card number, expiry and CVC are typed into Stripe's
 * frames and go from there to Stripe; the page only ever holds the payment method's id. 3-D
 * Secure runs with Stripe.js's `handleNextAction`, in the page.
 */
export function StripeCardFields({
  ref,
  publishableKey,
  invalid,
  loadStripe = loadStripeJs,
}: StripeCardFieldsProps) {
  const number = useRef<HTMLFieldSetElement>(null);
  const expiry = useRef<HTMLFieldSetElement>(null);
  const cvc = useRef<HTMLFieldSetElement>(null);
  const loaded = useRef<{ stripe: StripeJs; form: StripeCardForm } | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let form: StripeCardForm | null = null;
    let gone = false;
    loadStripe(publishableKey).then(
      (stripe) => {
        if (gone || !number.current || !expiry.current || !cvc.current) return;
        form = stripe.cardForm();
        form.number.onReady(() => {
          if (gone) return;
          setStatus('ready');
          form?.number.focus();
        });
        form.number.mount(number.current);
        form.expiry.mount(expiry.current);
        form.cvc.mount(cvc.current);
        loaded.current = { stripe, form };
      },
      () => {
        if (!gone) setStatus('failed');
      },
    );
    return () => {
      gone = true;
      loaded.current = null;
      for (const element of form ? [form.number, form.expiry, form.cvc] : []) element.destroy();
    };
  }, [publishableKey, loadStripe]);

  useImperativeHandle(
    ref,
    () => ({
      async tokenize(): Promise<TokenizeResult> {
        const current = loaded.current;
        if (!current) {
          return {
            ok: false,
            field: 'number',
            message: 'The card form is still loading. Try again in a moment.',
          };
        }
        const made = await current.form.createPaymentMethod();
        if ('error' in made) {
          return {
            ok: false,
            field: fieldOf(made.error),
            message: made.error.message ?? 'Check your card details and try again.',
          };
        }
        return { ok: true, paymentMethod: made.id };
      },
      async authenticate(clientSecret) {
        const current = loaded.current;
        if (!current) return 'unsupported';
        // Passed, failed or cut short, the service reads the outcome from Stripe when the page
        // sends the charge; a check still open is offered again.
        await current.stripe.handleNextAction(clientSecret).catch(() => {});
        return 'done';
      },
    }),
    [],
  );

  return (
    <>
      <ElementField label="Card number" invalid={invalid === 'number'} container={number} />
      <div className="row">
        <ElementField label="Expiration date" invalid={invalid === 'expiry'} container={expiry} />
        <ElementField label="Security code" invalid={invalid === 'cvc'} container={cvc} />
      </div>
      {status === 'loading' ? <p role="status">Loading the secure card form…</p> : null}
      {status === 'failed' ? (
        <p role="alert" className="error">
          The card form could not load. Check your connection, then reload this page.
        </p>
      ) : null}
    </>
  );
}
