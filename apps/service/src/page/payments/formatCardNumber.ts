import cardValidator from 'card-validator';

/** A card number as typed so far, and what its digits say of the card. */
export interface FormattedCardNumber {
  /** The digits grouped as printed on the card: `4242 4242 4242 4242`, `3782 822463 10005`. */
  text: string;
  /** The brand as people write it (`Visa`, `American Express`), once the digits tell. */
  brand: string | null;
  /** The length of the brand's security code: 4 for American Express, else 3. */
  cvcLength: number;
}

/** Groups the digits of a card number by its brand's gaps, up to the brand's longest number. */
export function formatCardNumber(typed: string): FormattedCardNumber {
  const digits = typed.replace(/\D/g, '');
  const card = cardValidator.number(digits).card;
  const kept = digits.slice(0, card ? Math.max(...card.lengths) : 19);
  // Digits past the 16th (19-digit cards) are a group of their own.
  const gaps = new Set([...(card?.gaps ?? [4, 8, 12]), 16]);
  let text = '';
  for (const [index, digit] of [...kept].entries()) {
    if (gaps.has(index)) text += ' ';
    text += digit;
  }
  return { text, brand: card?.niceType ?? null, cvcLength: card?.code.size ?? 3 };
}
