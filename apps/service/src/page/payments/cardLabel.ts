import type { CardOnFile } from '../../shared/checkoutContract.ts';
import type { I18n } from '../i18n/createI18n.ts';
import { brandName } from './brandName.ts';

/** A card as the customer reads it: `Visa •••• 4242, expires 12/34`. */
export function cardLabel(i18n: I18n, card: CardOnFile): string {
  return i18n.t.payment.cardOnFile(
    brandName(card.brand),
    card.last4,
    `${String(card.exp_month).padStart(2, '0')}/${String(card.exp_year).slice(-2)}`,
  );
}
