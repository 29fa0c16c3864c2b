import type { CheckoutServices } from '../CheckoutServices.ts';
import { createId } from '../createId.ts';
import { lockSubjects } from '../db/lockSubjects.ts';
import { CheckoutError } from '../errors/CheckoutError.ts';
import {
  PAYMENT_ATTEMPTS_PER_IP,
  PAYMENT_ATTEMPTS_PER_PHONE,
  PAYMENT_ATTEMPTS_PER_SESSION,
  PAYMENT_LEASE_MS,
} from './limits.ts';
import type { ActiveSession } from './openCheckoutSession.ts';
import type { PaymentRow } from './paymentRow.ts';
import { refuseClaim } from './refuseClaim.ts';
import { retryAfterSeconds } from './retryAfterSeconds.ts';

/** Thrown inside the claim's transaction to roll it back when the purchase is taken. */
class PurchaseInFlight extends Error {}

type Deps = Pick<CheckoutServices, 'db' | 'dialect' | 'now'>;

/**
 * Claims a payment, in one transaction: checks the attempts per phone and per IP across
 * sessions, moves the session to `processing` (at most five attempts each), and writes the
 * attempt with its idempotency key before any processor is called. The attempt is also the
 * claim on the purchase (phone and plan): when another session is already paying for the same
 * purchase, nothing is written and `busy` comes back.
 */
export async function claimPayment(
  deps: Deps,
  opened: ActiveSession,
  input: { phone: string; ip: string; paymentMethodRef: string },
): Promise<PaymentRow | 'busy'> {
  const { session, plan, merchant } = opened;
  const now = deps.now();
  const since = (windowMs: number) => new Date(now.getTime() - windowMs).toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockSubjects(trx, deps.dialect, [`phone:${input.phone}`, `ip:${input.ip}`]);
      for (const [column, value, limit] of [
        ['phone', input.phone, PAYMENT_ATTEMPTS_PER_PHONE],
        ['ip', input.ip, PAYMENT_ATTEMPTS_PER_IP],
      ] as const) {
        const recent = await trx
          .selectFrom('payments')
          .select('created_at')
          .where(column, '=', value)
          .where('created_at', '>', since(limit.windowMs))
          .orderBy('created_at', 'desc')
          .limit(limit.max)
          .execute();
        const oldest = recent[limit.max - 1];
        if (oldest) {
          throw new CheckoutError(
            'too_many_payment_attempts',
            'Too many payment attempts. Try again later.',
            {
              retry_after: retryAfterSeconds(
                now,
                new Date(Date.parse(oldest.created_at) + limit.windowMs),
              ),
            },
          );
        }
      }
      const claimed = await trx
        .updateTable('checkout_sessions')
        .set((eb) => ({
          status: 'processing',
          payment_attempts: eb('payment_attempts', '+', 1),
          updated_at: now.toISOString(),
        }))
        .where('id', '=', session.id)
        .where('status', '=', 'phone_verified')
        .where('payment_attempts', '<', PAYMENT_ATTEMPTS_PER_SESSION)
        .returning('payment_attempts')
        .executeTakeFirst();
      if (!claimed) return refuseClaim(trx, session.id);
      const payment: PaymentRow = {
        id: createId('pay', merchant.environment),
        session_id: session.id,
        merchant_id: merchant.id,
        plan_id: plan.id,
        phone: input.phone,
        ip: input.ip,
        amount: plan.period_amount,
        currency: 'usd',
        status: 'pending',
        failure_code: null,
        processor_ref: null,
        // The attempt number this request claimed, so no two attempts share a key.
        idempotency_key: `${session.id}:${claimed.payment_attempts}`,
        payment_method_ref: input.paymentMethodRef,
        locked_until: new Date(now.getTime() + PAYMENT_LEASE_MS).toISOString(),
        created_at: now.toISOString(),
      };
      const inserted = await trx
        .insertInto('payments')
        .values(payment)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 0n) throw new PurchaseInFlight();
      return payment;
    });
  } catch (error) {
    if (error instanceof PurchaseInFlight) return 'busy';
    throw error;
  }
}
