import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadStripeJs } from './loadStripeJs.ts';

/** Stripe.js as the page sees it once js.stripe.com has run: a `Stripe` function on window. */
function installStripeStandIn() {
  const created: { type: string; options: unknown; on: ReturnType<typeof vi.fn> }[] = [];
  const elements = vi.fn(() => ({
    create: (type: string, options: unknown) => {
      const element = {
        type,
        options,
        on: vi.fn(),
        mount: vi.fn(),
        focus: vi.fn(),
        destroy: vi.fn(),
      };
      created.push(element);
      return element;
    },
  }));
  const instance = {
    elements,
    createPaymentMethod: vi.fn(async () => ({ paymentMethod: { id: 'pm_123' } })),
    handleNextAction: vi.fn(async () => ({ paymentIntent: { status: 'succeeded' } })),
  };
  const Stripe = Object.assign(
    vi.fn(() => instance),
    { version: 'endive' },
  );
  Object.assign(window, { Stripe });
  return { Stripe, instance, elements, created };
}

afterEach(() => {
  Reflect.deleteProperty(window, 'Stripe');
});

describe('loadStripeJs', () => {
  it('adapts Stripe.js: split card Elements, a card payment method, the next action', async () => {
    const { Stripe, instance, elements, created } = installStripeStandIn();
    const stripe = await loadStripeJs('pk_test_123');
    expect(Stripe).toHaveBeenCalledWith('pk_test_123');

    const form = stripe.cardForm({
      locale: 'es-MX',
      colors: { text: '#fff', placeholder: '#aaa', danger: '#f00' },
      fontFamily: 'Inter',
    });
    expect(elements).toHaveBeenCalledWith({ locale: 'es' });
    expect(created.map((element) => element.type)).toEqual(['cardNumber', 'cardExpiry', 'cardCvc']);
    // Stripe's frames cannot read the page's CSS: its colours and font travel as the style.
    expect(created[1]?.options).toEqual({
      style: {
        base: {
          fontFamily: 'Inter',
          fontSize: '16px',
          color: '#fff',
          '::placeholder': { color: '#aaa' },
        },
        invalid: { color: '#f00' },
      },
    });
    const ready = () => {};
    form.number.onReady(ready);
    expect(created[0]?.on).toHaveBeenCalledWith('ready', ready);

    expect(await form.createPaymentMethod()).toEqual({ id: 'pm_123' });
    expect(instance.createPaymentMethod).toHaveBeenCalledWith({ type: 'card', card: created[0] });

    instance.createPaymentMethod.mockResolvedValueOnce({
      error: { type: 'validation_error', code: 'incomplete_cvc', message: 'Incomplete.' },
    } as never);
    expect(await form.createPaymentMethod()).toEqual({
      error: { type: 'validation_error', code: 'incomplete_cvc', message: 'Incomplete.' },
    });

    expect(await stripe.handleNextAction('pi_1_secret_2')).toEqual({});
    expect(instance.handleNextAction).toHaveBeenCalledWith({ clientSecret: 'pi_1_secret_2' });
  });
});
