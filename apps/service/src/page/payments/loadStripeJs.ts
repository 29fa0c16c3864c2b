import type { StripeElementLocale, StripeElementStyle } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { LoadStripeJs, StripeCardFormOptions } from './StripeJs.ts';

/** Matches the page's own inputs (styles.css): Elements live in Stripe's frames. */
const styleOf = ({ colors, fontFamily }: StripeCardFormOptions): StripeElementStyle => ({
  base: {
    fontFamily,
    fontSize: '16px',
    color: colors.text,
    '::placeholder': { color: colors.placeholder },
  },
  invalid: { color: colors.danger },
});

/**
 * Loads Stripe.js from js.stripe.com (only when the payment step needs it: `pure` injects no
 * script on import) and adapts it to what the payment step uses.
 */
export const loadStripeJs: LoadStripeJs = async (publishableKey) => {
  const stripe = await loadStripe(publishableKey);
  if (!stripe) throw new Error('Lava Checkout: Stripe.js did not load.');
  return {
    cardForm(options) {
      // Stripe knows `es`, `es-419`, `en`, `en-GB`...; the language alone is always one of them.
      const locale = options.locale.split('-')[0] as StripeElementLocale;
      const elements = stripe.elements({ locale });
      const style = styleOf(options);
      const number = elements.create('cardNumber', { style, showIcon: true });
      const expiry = elements.create('cardExpiry', { style });
      const cvc = elements.create('cardCvc', { style });
      return {
        number: {
          mount: (container) => number.mount(container),
          onReady: (handler) => void number.on('ready', handler),
          focus: () => number.focus(),
          destroy: () => number.destroy(),
        },
        expiry: {
          mount: (container) => expiry.mount(container),
          onReady: (handler) => void expiry.on('ready', handler),
          focus: () => expiry.focus(),
          destroy: () => expiry.destroy(),
        },
        cvc: {
          mount: (container) => cvc.mount(container),
          onReady: (handler) => void cvc.on('ready', handler),
          focus: () => cvc.focus(),
          destroy: () => cvc.destroy(),
        },
        async createPaymentMethod() {
          const result = await stripe.createPaymentMethod({ type: 'card', card: number });
          return result.error ? { error: result.error } : { id: result.paymentMethod.id };
        },
      };
    },
    async handleNextAction(clientSecret) {
      const result = await stripe.handleNextAction({ clientSecret });
      return result.error ? { error: result.error } : {};
    },
  };
};
