import { fn } from 'storybook/test';
import type {
  StripeCardElement,
  StripeCardFormOptions,
  StripeJs,
  StripeJsError,
} from '../payments/StripeJs.ts';

/** The names Stripe gives the inputs inside its card frames (English). */
const STRIPE_LABELS = {
  number: 'Credit or debit card number',
  expiry: 'Credit or debit card expiration date',
  cvc: 'Credit or debit card CVC/CVV',
} as const;

const PLACEHOLDERS = { number: '1234 1234 1234 1234', expiry: 'MM / YY', cvc: 'CVC' } as const;

const INCOMPLETE: Record<keyof typeof STRIPE_LABELS, StripeJsError> = {
  number: {
    type: 'validation_error',
    code: 'incomplete_number',
    message: 'Your card number is incomplete.',
  },
  expiry: {
    type: 'validation_error',
    code: 'incomplete_expiry',
    message: "Your card's expiration date is incomplete.",
  },
  cvc: {
    type: 'validation_error',
    code: 'incomplete_cvc',
    message: "Your card's security code is incomplete.",
  },
};

export interface FakeStripeJsOptions {
  /** Loading Stripe.js fails, as when js.stripe.com cannot be reached. */
  loadFails?: boolean;
}

/**
 * A stand-in for Stripe.js in stories and tests: each Element is an input named as Stripe names
 * its own (Stripe's live in its frames), a payment method is `pm_fake_<last 4>`, and a field
 * left empty fails as Stripe.js does. Calls are recorded.
 */
export function createFakeStripeJs(options: FakeStripeJsOptions = {}) {
  const createPaymentMethod = fn();
  const handleNextAction = fn(async (_clientSecret: string) => ({}));
  const element = (kind: keyof typeof STRIPE_LABELS) => {
    const input = document.createElement('input');
    input.setAttribute('aria-label', STRIPE_LABELS[kind]);
    input.placeholder = PLACEHOLDERS[kind];
    input.inputMode = 'numeric';
    let ready = () => {};
    return {
      input,
      element: {
        mount(container) {
          container.append(input);
          setTimeout(() => ready());
        },
        onReady(handler) {
          ready = handler;
        },
        focus: () => input.focus(),
        destroy: () => input.remove(),
      } satisfies StripeCardElement,
    };
  };
  const cardForm = fn((_options: StripeCardFormOptions) => {});
  const stripe: StripeJs = {
    cardForm(options) {
      cardForm(options);
      const number = element('number');
      const expiry = element('expiry');
      const cvc = element('cvc');
      return {
        number: number.element,
        expiry: expiry.element,
        cvc: cvc.element,
        async createPaymentMethod() {
          const digits = number.input.value.replace(/\D/g, '');
          createPaymentMethod(digits);
          for (const [kind, field] of [
            ['number', number],
            ['expiry', expiry],
            ['cvc', cvc],
          ] as const) {
            if (!field.input.value.trim()) return { error: INCOMPLETE[kind] };
          }
          return { id: `pm_fake_${digits.slice(-4)}` };
        },
      };
    },
    handleNextAction,
  };
  const loadStripe = fn(async (_publishableKey: string) => {
    if (options.loadFails) throw new Error('Failed to load Stripe.js');
    return stripe;
  });
  return { loadStripe, cardForm, createPaymentMethod, handleNextAction };
}
