import { createId } from '../createId.ts';
import type { Db } from '../db/Database.ts';
import { ApiError } from '../http/ApiError.ts';
import type { PaymentProcessor } from '../payments/PaymentProcessor.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import { PAYMENT_ATTEMPTS_PER_SESSION } from './limits.ts';
import type { OpenedSession } from './openCheckoutSession.ts';
import { parseCard } from './parseCard.ts';

export interface SubscribeResult {
  checkout_session_id: string;
  customer_id: string;
  subscription_id: string;
}

/**
 * Charges the plan's price and, only when the charge succeeds, stores the customer, the card
 * reference, the payment and the subscription and completes the session, in one transaction.
 * The session is claimed first (`phone_verified -> processing`), so a double submit charges
 * once; a decline releases it for another card, up to five attempts.
 */
export async function subscribe(
  deps: { db: Db; payments: PaymentProcessor; now: () => Date },
  opened: Extract<OpenedSession, { status: 'active' }>,
  fields: { card_number: string; expiry: string; cvc: string },
): Promise<SubscribeResult> {
  const { session, plan, merchant } = opened;
  if (session.status === 'open') {
    throw new ApiError(403, 'phone_not_verified', 'Verify your phone number first.');
  }
  const card = parseCard(fields, deps.now());

  const claimed = await deps.db
    .updateTable('checkout_sessions')
    .set((eb) => ({ status: 'processing', payment_attempts: eb('payment_attempts', '+', 1) }))
    .where('id', '=', session.id)
    .where('status', '=', 'phone_verified')
    .where('payment_attempts', '<', PAYMENT_ATTEMPTS_PER_SESSION)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) {
    const current = await deps.db
      .selectFrom('checkout_sessions')
      .select(['status', 'payment_attempts'])
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    if (current.status === 'completed') {
      throw new ApiError(409, 'session_completed', 'This checkout is already complete.');
    }
    if (current.status === 'processing') {
      throw new ApiError(409, 'payment_in_progress', 'Your payment is already being processed.');
    }
    throw new ApiError(
      429,
      'too_many_payment_attempts',
      'Too many payment attempts. Start the checkout again.',
    );
  }

  const attempt = session.payment_attempts + 1;
  const release = () =>
    deps.db
      .updateTable('checkout_sessions')
      .set({ status: 'phone_verified' })
      .where('id', '=', session.id)
      .where('status', '=', 'processing')
      .execute();

  let paymentMethod: Awaited<ReturnType<PaymentProcessor['createPaymentMethod']>>;
  let charge: Awaited<ReturnType<PaymentProcessor['charge']>>;
  try {
    paymentMethod = await deps.payments.createPaymentMethod(card);
    charge = await deps.payments.charge({
      paymentMethod,
      amount: plan.period_amount,
      currency: 'usd',
      description: `${merchant.name}: ${plan.name}`,
      idempotencyKey: `${session.id}:${attempt}`,
    });
  } catch {
    await release();
    throw new ApiError(502, 'processing_error', 'We could not reach the card network. Try again.');
  }

  const at = deps.now();
  // The record of this attempt: failed with the processor's code, or succeeded with its charge.
  const paymentRow = (outcome: { failure_code: string | null; processor_ref: string | null }) => ({
    id: createId('pay', merchant.environment),
    session_id: session.id,
    amount: plan.period_amount,
    currency: 'usd',
    status: outcome.failure_code ? ('failed' as const) : ('succeeded' as const),
    created_at: at.toISOString(),
    ...outcome,
  });
  if (!charge.ok) {
    await deps.db
      .insertInto('payments')
      .values(paymentRow({ failure_code: charge.failure.code, processor_ref: null }))
      .execute();
    await release();
    throw new ApiError(402, charge.failure.code, charge.failure.message);
  }

  const chargeRef = charge.chargeRef;
  return deps.db.transaction().execute(async (trx) => {
    const phone = session.phone ?? '';
    const existing = await trx
      .selectFrom('customers')
      .select('id')
      .where('merchant_id', '=', merchant.id)
      .where((eb) =>
        session.customer_id ? eb('id', '=', session.customer_id) : eb('phone', '=', phone),
      )
      .executeTakeFirst();
    const customerId = existing?.id ?? createId('con', merchant.environment);
    if (!existing) {
      await trx
        .insertInto('customers')
        .values({ id: customerId, merchant_id: merchant.id, phone, created_at: at.toISOString() })
        .execute();
    }
    const paymentMethodId = createId('pm', merchant.environment);
    await trx
      .insertInto('payment_methods')
      .values({
        id: paymentMethodId,
        customer_id: customerId,
        processor_ref: paymentMethod.processorRef,
        brand: paymentMethod.brand,
        last4: paymentMethod.last4,
        exp_month: paymentMethod.expMonth,
        exp_year: paymentMethod.expYear,
        created_at: at.toISOString(),
      })
      .execute();
    await trx
      .insertInto('payments')
      .values(paymentRow({ failure_code: null, processor_ref: chargeRef }))
      .execute();
    // A customer has one plan at a time: subscribing changes plan.
    await trx
      .updateTable('subscriptions')
      .set({ status: 'cancelled', cancelled_at: at.toISOString() })
      .where('customer_id', '=', customerId)
      .where('status', '=', 'active')
      .execute();
    const subscriptionId = createId('sub', merchant.environment);
    await trx
      .insertInto('subscriptions')
      .values({
        id: subscriptionId,
        customer_id: customerId,
        plan_id: plan.id,
        checkout_session_id: session.id,
        payment_method_id: paymentMethodId,
        status: 'active',
        started_at: at.toISOString(),
        cycle_start_at: at.toISOString(),
        cycle_end_at: addBillingInterval(at, plan.billing_interval).toISOString(),
        cancelled_at: null,
        created_at: at.toISOString(),
      })
      .execute();
    const completed = await trx
      .updateTable('checkout_sessions')
      .set({ status: 'completed', completed_at: at.toISOString(), customer_id: customerId })
      .where('id', '=', session.id)
      .where('status', '=', 'processing')
      .executeTakeFirst();
    if (completed.numUpdatedRows === 0n) {
      throw new ApiError(409, 'session_completed', 'This checkout is already complete.');
    }
    return {
      checkout_session_id: session.id,
      customer_id: customerId,
      subscription_id: subscriptionId,
    };
  });
}
