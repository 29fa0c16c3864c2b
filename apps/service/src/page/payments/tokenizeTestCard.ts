import cardValidator from 'card-validator';
import { encodeTestPaymentMethod, TEST_CARDS } from '../../shared/testPaymentMethod.ts';
import type { CardFieldsInput, TokenizeResult } from './CardTokenizer.ts';

/**
 * Test mode's page side of the processor: checks the card fields (Luhn, the brand's lengths, a
 * future expiry, the brand's CVC length) and turns them into a test payment method. A field
 * found wrong gets the page's own words (`message: null`). Only the
 * card's outcome, brand, last 4 digits and expiry leave the page; the number never does.
 */
export function tokenizeTestCard(fields: CardFieldsInput, now: Date): TokenizeResult {
  const number = fields.number.replace(/[\s-]/g, '');
  const checked = cardValidator.number(number);
  if (!/^\d{12,19}$/.test(number) || !checked.isValid) {
    return { ok: false, field: 'number', message: null };
  }
  const expiry = cardValidator.expirationDate(fields.expiry, now.getUTCFullYear());
  const month = Number(expiry.month);
  const year =
    expiry.year === null
      ? Number.NaN
      : Number(expiry.year.length === 2 ? `20${expiry.year}` : expiry.year);
  if (!expiry.isValid || !Number.isInteger(month) || !Number.isInteger(year)) {
    return { ok: false, field: 'expiry', message: null };
  }
  const cvcLength = checked.card?.code.size ?? 3;
  if (!cardValidator.cvv(fields.cvc, cvcLength).isValid) {
    return { ok: false, field: 'cvc', message: null };
  }
  return {
    ok: true,
    paymentMethod: encodeTestPaymentMethod(TEST_CARDS[number] ?? 'unknown', {
      brand: checked.card?.type ?? 'card',
      last4: number.slice(-4),
      expMonth: month,
      expYear: year,
    }),
  };
}
