/**
 * Test mode's payment methods. The page turns test card fields into a reference that names the
 * card's outcome and what may be shown of it (brand, last 4, expiry), so even in test mode the
 * card number never reaches the service: `pm_test.<outcome>.<brand>.<last4>.<MM>.<YYYY>`.
 */

/** What a charge on a test card does. Any other valid card number is `unknown` (declined). */
export type TestCardOutcome =
  | 'succeeds'
  | 'declined'
  | 'insufficient_funds'
  | 'incorrect_cvc'
  | 'expired_card'
  /** Pays with the customer there (checkout); declined off-session (renewals, top-ups). */
  | 'declined_off_session'
  /** Needs the customer to authenticate on every charge: off-session, it is refused. */
  | 'requires_authentication'
  | 'unknown';

/** The test cards (README), numbered as Stripe numbers its own. */
export const TEST_CARDS: Readonly<Record<string, TestCardOutcome>> = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient_funds',
  // Refused by the processor for one field, which the page then shows the error under.
  '4000000000000127': 'incorrect_cvc',
  '4000000000000069': 'expired_card',
  '4000000000000341': 'declined_off_session',
  '4000002760003184': 'requires_authentication',
};

export interface TestCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

const PATTERN =
  /^pm_test\.(succeeds|declined|insufficient_funds|incorrect_cvc|expired_card|declined_off_session|requires_authentication|unknown)\.([a-z-]{2,20})\.(\d{4})\.(\d{2})\.(\d{4})$/;

/** The reference the page sends for a checked test card. */
export function encodeTestPaymentMethod(outcome: TestCardOutcome, card: TestCard): string {
  const month = String(card.expMonth).padStart(2, '0');
  return `pm_test.${outcome}.${card.brand}.${card.last4}.${month}.${card.expYear}`;
}

/** Reads a test payment method reference; `null` when it is not one. */
export function parseTestPaymentMethod(
  ref: string,
): { outcome: TestCardOutcome; card: TestCard } | null {
  const match = PATTERN.exec(ref);
  if (!match) return null;
  const [, outcome, brand, last4, month, year] = match as unknown as [
    string,
    TestCardOutcome,
    string,
    string,
    string,
    string,
  ];
  const expMonth = Number(month);
  if (expMonth < 1 || expMonth > 12) return null;
  return { outcome, card: { brand, last4, expMonth, expYear: Number(year) } };
}
