import cardValidator from 'card-validator';
import { ApiError } from '../http/ApiError.ts';
import type { CardInput } from '../payments/PaymentProcessor.ts';

/**
 * Checks card fields with card-validator (Luhn, brand lengths, a future expiry, the brand's
 * CVC length) and returns them normalised. Each bad field gets its own message.
 */
export function parseCard(
  fields: { card_number: string; expiry: string; cvc: string },
  now: Date,
): CardInput {
  const number = fields.card_number.replace(/[\s-]/g, '');
  const checkedNumber = cardValidator.number(number);
  if (!/^\d{12,19}$/.test(number) || !checkedNumber.isValid) {
    throw new ApiError(400, 'invalid_card_number', 'Check the card number.', {
      param: 'card_number',
    });
  }
  const expiry = cardValidator.expirationDate(fields.expiry, now.getUTCFullYear());
  const month = Number(expiry.month);
  const year =
    expiry.year === null
      ? Number.NaN
      : Number(expiry.year.length === 2 ? `20${expiry.year}` : expiry.year);
  if (!expiry.isValid || !Number.isInteger(month) || !Number.isInteger(year)) {
    throw new ApiError(
      400,
      'invalid_expiry',
      'Enter an expiration date in the future, like 12 / 34.',
      { param: 'expiry' },
    );
  }
  const cvcLength = checkedNumber.card?.code.size ?? 3;
  if (!cardValidator.cvv(fields.cvc, cvcLength).isValid) {
    throw new ApiError(400, 'invalid_cvc', `Enter the ${cvcLength}-digit security code.`, {
      param: 'cvc',
    });
  }
  return { number, expMonth: month, expYear: year, cvc: fields.cvc };
}
