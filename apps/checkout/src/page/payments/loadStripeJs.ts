import type { StripeElementStyle } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { LoadStripeJs } from './StripeJs.ts';

/** Matches the page's own inputs (styles.css): Elements live in Stripe's frames. */
const STYLE: StripeElementStyle = {
  base: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontSize: '16px',
    color: '#1b1a1f',
    '::placeholder': { color: '#5d5b66' },
  },
  invalid: { color: '#b42318' },
};

/**
 * Loads Stripe.js from js.stripe.com (only when the payment step needs it: `pure` injects no
 * script on import) and adapts it to what the payment step uses.
 */
export const loadStripeJs: LoadStripeJs = async (publishableKey) => {
  const stripe = await loadStripe(publishableKey);
  if (!stripe) throw new Error('Lava Checkout: Stripe.js did not load.');
  return {
    cardForm() {
      const elements = stripe.elements({ locale: 'en' });
      const number = elements.create('cardNumber', { style: STYLE, showIcon: true });
      const expiry = elements.create('cardExpiry', { style: STYLE });
      const cvc = elements.create('cardCvc', { style: STYLE });
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
