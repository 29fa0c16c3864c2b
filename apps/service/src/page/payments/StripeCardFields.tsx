import { type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { FieldError } from '../FieldError.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import type {
  CardFieldErrors,
  CardFieldsHandle,
  CardFieldsInput,
  TokenizeResult,
} from './CardTokenizer.ts';
import { loadStripeJs } from './loadStripeJs.ts';
import type {
  LoadStripeJs,
  StripeCardForm,
  StripeCardFormOptions,
  StripeJs,
  StripeJsError,
} from './StripeJs.ts';

export interface StripeCardFieldsProps {
  ref: Ref<CardFieldsHandle>;
  publishableKey: string;
  /** What is wrong with each field, shown under it. */
  errors: CardFieldErrors;
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
  error: string | undefined;
  container: Ref<HTMLFieldSetElement>;
}

/**
 * A Stripe Element with our label. The input itself lives in Stripe's frame, where Stripe names
 * it; the group (a fieldset) around the frame carries our name, so the field reads as "Card
 * number" (and so on) before Stripe's own label, and clicking our label focuses the Element.
 * Its error shows under it.
 */
function ElementField({ label, error, container }: ElementFieldProps) {
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
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className="card-element"
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);

/**
 * The page's own look, read from its computed style, for Stripe's frames, which cannot read its
 * CSS: its text, its danger colour, and placeholders mixed from text and background as the
 * page's muted text is (Stripe takes only plain colours).
 */
function pageLook(locale: string): StripeCardFormOptions {
  const style = getComputedStyle(document.documentElement);
  const [r = 27, g = 26, b = 31] = rgb(style.color);
  const [br = 255, bg = 255, bb = 255] = rgb(style.backgroundColor);
  const mix = (ink: number, paper: number) => Math.round(ink * 0.74 + paper * 0.26);
  return {
    locale,
    colors: {
      text: style.color || '#1b1a1f',
      placeholder: `rgb(${mix(r, br)}, ${mix(g, bg)}, ${mix(b, bb)})`,
      danger: style.getPropertyValue('--error').trim() || '#b42318',
    },
    fontFamily: style.fontFamily || 'system-ui, sans-serif',
  };
}

/**
 * Stripe's card fields (Elements): the card number, expiry and CVC are typed into Stripe's
 * frames and go from there to Stripe; the page only ever holds the payment method's id. 3-D
 * Secure runs with Stripe.js's `handleNextAction`, in the page. Stripe speaks the page's
 * language and wears its colours; its errors land under the field they are about.
 */
export function StripeCardFields({
  ref,
  publishableKey,
  errors,
  loadStripe = loadStripeJs,
}: StripeCardFieldsProps) {
  const { t, locale } = useI18n();
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
        form = stripe.cardForm(pageLook(locale));
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
  }, [publishableKey, loadStripe, locale]);

  useImperativeHandle(
    ref,
    () => ({
      async tokenize(): Promise<TokenizeResult> {
        const current = loaded.current;
        if (!current) return { ok: false, field: 'number', message: t.errors.card_form_loading };
        const made = await current.form.createPaymentMethod();
        if ('error' in made) {
          return { ok: false, field: fieldOf(made.error), message: made.error.message ?? null };
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
    [t],
  );

  return (
    <>
      <ElementField label={t.card.number} error={errors.number} container={number} />
      <div className="row">
        <ElementField label={t.card.expiry} error={errors.expiry} container={expiry} />
        <ElementField label={t.card.cvc} error={errors.cvc} container={cvc} />
      </div>
      {status === 'loading' ? <p role="status">{t.payment.loadingCardForm}</p> : null}
      {status === 'failed' ? (
        <p role="alert" className="error">
          {t.errors.card_form_unavailable}
        </p>
      ) : null}
    </>
  );
}
