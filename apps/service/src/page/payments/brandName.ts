const NAMES: Readonly<Record<string, string>> = {
  amex: 'American Express',
  'american-express': 'American Express',
  diners: 'Diners Club',
  'diners-club': 'Diners Club',
  discover: 'Discover',
  jcb: 'JCB',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
  visa: 'Visa',
};

/** A card brand as processors name it (`amex`, `american-express`) as people write it. */
export function brandName(brand: string): string {
  return NAMES[brand] ?? brand.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
