import type { CreditBundleRow } from '../checkoutSessions/findCheckoutEntry.ts';
import {
  PAYMENT_ATTEMPTS_PER_IP,
  PAYMENT_ATTEMPTS_PER_PHONE,
  PAYMENT_ATTEMPTS_PER_SESSION,
  PAYMENT_LEASE_MS,
} from '../checkoutSessions/limits.ts';
import { idleCutoff } from '../checkoutSessions/sessionEnding.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { createId } from '../platform/createId.ts';
import type { Tables } from '../platform/db/Database.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import { formatMoney } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { retryAfterSeconds } from '../verification/retryAfterSeconds.ts';
import { refuseSession } from './claimPayment.ts';
import { paymentAttemptsRefused } from './paymentAttemptsRefused.ts';
import type { PaymentRow } from './paymentRow.ts';

export type BundleClaim =
  | { kind: 'claimed'; payment: PaymentRow; session: Tables['checkout_sessions'] }
  /** Another payment of this customer for the plan (or its bundles) is in flight. */
  | { kind: 'busy' };

/** Thrown inside the claim's transaction to roll it back when the purchase is taken. */
class PurchaseInFlight extends Error {}

/**
 * Claims the payment for a credit bundle, as `claimPayment` does for a plan: in one
 * transaction, the session moves to `processing` (five attempts each) and the attempt is
 * written with its idempotency key before any processor is called, only within the phone's and
 * the IP address's attempts across sessions. Unlike a plan, a bundle may be bought again and
 * again: having the plan is what allows it. One payment per customer and plan is in flight at a
 * time (`busy` otherwise), so two purchases at once are charged one after the other.
 */
export async function claimBundlePayment(
  deps: Pick<Services, 'db' | 'dialect' | 'now'>,
  checkout: CheckoutContext & { bundle: CreditBundleRow },
  input: { ip: string | null; paymentMethodRef: string; customerRef: string | null },
): Promise<BundleClaim> {
  const { claims, merchant, bundle } = checkout;
  const now = deps.now();
  const at = now.toISOString();
  const since = (windowMs: number) => new Date(now.getTime() - windowMs).toISOString();
  try {
    return await deps.db.transaction().execute(async (trx): Promise<BundleClaim> => {
      const session = await trx
        .updateTable('checkout_sessions')
        .set((eb) => ({
          status: 'processing',
          payment_attempts: eb('payment_attempts', '+', 1),
          updated_at: at,
        }))
        .where('id', '=', claims.sid)
        .where('status', '=', 'phone_verified')
        .where('payment_attempts', '<', PAYMENT_ATTEMPTS_PER_SESSION)
        .where((eb) => eb.fn.coalesce('updated_at', 'created_at'), '>=', idleCutoff(now))
        .returningAll()
        .executeTakeFirst();
      if (!session?.phone) return refuseSession(trx, claims.sid, now);
      const phone = session.phone;
      await lockSubjects(trx, deps.dialect, [
        `phone:${phone}`,
        ...(input.ip ? [`ip:${input.ip}`] : []),
      ]);

      const payment: PaymentRow = {
        id: createId('pay', merchant.environment),
        session_id: claims.sid,
        merchant_id: merchant.id,
        plan_id: bundle.plan_id,
        phone,
        ip: input.ip,
        amount: formatMoney(bundle.cost),
        currency: 'usd',
        status: 'pending',
        failure_code: null,
        processor_ref: null,
        idempotency_key: `${claims.sid}:${session.payment_attempts}`,
        payment_method_ref: input.paymentMethodRef,
        locked_until: new Date(now.getTime() + PAYMENT_LEASE_MS).toISOString(),
        created_at: at,
        credit_bundle_id: bundle.id,
        processor_customer_ref: input.customerRef,
      };
      // Within the attempts of the phone and the IP address (rare enough here to ask first).
      for (const [column, value, limit] of [
        ['phone', phone, PAYMENT_ATTEMPTS_PER_PHONE],
        ['ip', input.ip, PAYMENT_ATTEMPTS_PER_IP],
      ] as const) {
        // No limit per address applies to this request.
        if (value === null) continue;
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
          throw paymentAttemptsRefused(
            column,
            limit,
            retryAfterSeconds(now, new Date(Date.parse(oldest.created_at) + limit.windowMs)),
          );
        }
      }
      const inserted = await trx
        .insertInto('payments')
        .values(payment)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows !== 1n) throw new PurchaseInFlight();
      return { kind: 'claimed', payment, session };
    });
  } catch (error) {
    if (error instanceof PurchaseInFlight) return { kind: 'busy' };
    throw error;
  }
}
