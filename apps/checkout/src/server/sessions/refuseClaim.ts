import type { Db } from '../db/Database.ts';
import { CheckoutError } from '../errors/CheckoutError.ts';
import { PAYMENT_ATTEMPTS_PER_SESSION } from './limits.ts';

/** Why a session could not be claimed for payment, read back from the session. */
export async function refuseClaim(db: Db, sessionId: string): Promise<never> {
  const current = await db
    .selectFrom('checkout_sessions')
    .select(['status', 'payment_attempts'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  switch (current.status) {
    case 'completed':
      throw new CheckoutError('session_completed', 'This checkout is already complete.');
    case 'processing':
      throw new CheckoutError('payment_in_progress', 'Your payment is already being processed.');
    case 'open':
      throw new CheckoutError('phone_not_verified', 'Verify your phone number first.');
    case 'phone_verified':
      if (current.payment_attempts >= PAYMENT_ATTEMPTS_PER_SESSION) {
        throw new CheckoutError(
          'too_many_payment_attempts',
          'Too many payment attempts. Start the checkout again.',
        );
      }
      throw new CheckoutError('payment_in_progress', 'Your payment is already being processed.');
    default:
      return current.status satisfies never;
  }
}
