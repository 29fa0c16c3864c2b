/** What a charge on one of Stripe's test card numbers does, as the fake Stripe plays it. */
export type FakeCardOutcome =
  | { kind: 'succeeds' }
  | { kind: 'requires_authentication' }
  /** Pays with the customer there; declined off-session. */
  | { kind: 'declines_off_session' }
  | { kind: 'declined'; code: string; declineCode: string | null; message: string };

export interface FakeCard {
  brand: string;
  outcome: FakeCardOutcome;
}

const declined = (code: string, declineCode: string | null, message: string): FakeCard => ({
  brand: 'visa',
  outcome: { kind: 'declined', code, declineCode, message },
});

/** Stripe's documented test card numbers that the fake knows; any other number is refused. */
export const FAKE_STRIPE_CARDS: Readonly<Record<string, FakeCard>> = {
  '4242424242424242': { brand: 'visa', outcome: { kind: 'succeeds' } },
  '5555555555554444': { brand: 'mastercard', outcome: { kind: 'succeeds' } },
  '4000000000000002': declined('card_declined', 'generic_decline', 'Your card was declined.'),
  '4000000000009995': declined(
    'card_declined',
    'insufficient_funds',
    'Your card has insufficient funds.',
  ),
  '4000000000009987': declined('card_declined', 'lost_card', 'Your card was declined.'),
  '4000000000000069': declined('expired_card', null, 'Your card has expired.'),
  '4000000000000127': declined('incorrect_cvc', null, "Your card's security code is incorrect."),
  '4000000000000119': declined(
    'processing_error',
    null,
    'An error occurred while processing your card. Try again in a little bit.',
  ),
  // Attaches and pays at checkout; every off-session charge is declined.
  '4000000000000341': { brand: 'visa', outcome: { kind: 'declines_off_session' } },
  // 3-D Secure required on every payment (off-session: refused as authentication_required).
  '4000002760003184': { brand: 'visa', outcome: { kind: 'requires_authentication' } },
};
