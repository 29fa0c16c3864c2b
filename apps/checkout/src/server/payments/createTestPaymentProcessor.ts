import { randomUUID } from 'node:crypto';
import type { PaymentFailure, PaymentProcessor } from './PaymentProcessor.ts';

/** Test cards (DESIGN.md): the outcome a charge on each card has. */
const TEST_CARDS: Record<string, { brand: string; failure?: PaymentFailure }> = {
  '4242424242424242': { brand: 'visa' },
  '4000000000000002': {
    brand: 'visa',
    failure: { code: 'card_declined', message: 'Your card was declined. Try another card.' },
  },
  '4000000000009995': {
    brand: 'visa',
    failure: {
      code: 'insufficient_funds',
      message: 'Your card has insufficient funds. Try another card.',
    },
  },
};

const NOT_A_TEST_CARD: PaymentFailure = {
  code: 'card_declined',
  message: 'This is a test checkout: real cards are declined. Use 4242 4242 4242 4242.',
};

/**
 * The test-mode payment processor: no network, outcomes chosen by card number. Charges are
 * idempotent per key, like a real processor's.
 */
export function createTestPaymentProcessor(): PaymentProcessor {
  const cards = new Map<string, string>();
  const charges = new Map<string, Awaited<ReturnType<PaymentProcessor['charge']>>>();
  return {
    async createPaymentMethod(card) {
      const processorRef = `pm_test_${randomUUID().replace(/-/g, '')}`;
      cards.set(processorRef, card.number);
      return {
        processorRef,
        brand: TEST_CARDS[card.number]?.brand ?? 'unknown',
        last4: card.number.slice(-4),
        expMonth: card.expMonth,
        expYear: card.expYear,
      };
    },
    async charge({ paymentMethod, idempotencyKey }) {
      const previous = charges.get(idempotencyKey);
      if (previous) return previous;
      const number = cards.get(paymentMethod.processorRef);
      const card = number === undefined ? undefined : TEST_CARDS[number];
      const failure = card ? card.failure : NOT_A_TEST_CARD;
      const result = failure
        ? ({ ok: false, failure } as const)
        : ({ ok: true, chargeRef: `ch_test_${randomUUID().replace(/-/g, '')}` } as const);
      charges.set(idempotencyKey, result);
      return result;
    },
  };
}
