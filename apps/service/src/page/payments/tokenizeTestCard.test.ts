import { describe, expect, it } from 'vitest';
import { parseTestPaymentMethod } from '../../shared/testPaymentMethod.ts';
import { tokenizeTestCard } from './tokenizeTestCard.ts';

const NOW = new Date(Date.UTC(2026, 10, 22));
const card = (number: string, expiry = '12 / 34', cvc = '123') => ({ number, expiry, cvc });

describe('tokenizeTestCard', () => {
  it.each([
    ['4242 4242 4242 4242', 'succeeds'],
    ['4000 0000 0000 0002', 'declined'],
    ['4000-0000-0000-9995', 'insufficient_funds'],
    ['5555 5555 5555 4444', 'unknown'],
  ])('turns %s into a payment method that says %s and holds no card number', (number, outcome) => {
    const made = tokenizeTestCard(card(number), NOW);
    expect(made.ok).toBe(true);
    const ref = made.ok ? made.paymentMethod : '';
    expect(ref).not.toContain(number.replace(/\D/g, ''));
    expect(parseTestPaymentMethod(ref)).toEqual({
      outcome,
      card: expect.objectContaining({
        last4: number.replace(/\D/g, '').slice(-4),
        expMonth: 12,
        expYear: 2034,
      }),
    });
  });

  it.each([
    ['a number that fails Luhn', card('4242 4242 4242 4241'), 'number'],
    ['letters', card('4242 abcd 4242 4242'), 'number'],
    ['a past expiry', card('4242 4242 4242 4242', '01 / 20'), 'expiry'],
    ['a month 13', card('4242 4242 4242 4242', '13 / 30'), 'expiry'],
    ['a short CVC', card('4242 4242 4242 4242', '12 / 34', '12'), 'cvc'],
    ['a 3-digit CVC on American Express', card('3782 822463 10005', '12 / 34', '123'), 'cvc'],
  ])('names the field at fault for %s', (_, fields, field) => {
    expect(tokenizeTestCard(fields, NOW)).toMatchObject({ ok: false, field });
  });
});
