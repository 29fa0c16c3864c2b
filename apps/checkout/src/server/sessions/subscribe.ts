import { createId } from '../createId.ts';
import type { Db } from '../db/Database.ts';
import { ApiError } from '../http/ApiError.ts';
import type { PaymentProcessor } from '../payments/PaymentProcessor.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import { findCustomer } from './findCustomer.ts';
import { PAYMENT_ATTEMPTS_PER_SESSION } from './limits.ts';
import type { OpenedSession } from './openCheckoutSession.ts';
import { parseCard } from './parseCard.ts';

export interface SubscribeResult {
  checkout_session_id: string;
  customer_id: string;
  subscription_id: string;
}

type ActiveSession = Extract<OpenedSession, { status: 'active' }>;

/** Why a claim on the session failed, read back from the session. */
async function refuseClaim(db: Db, sessionId: string): Promise<never> {
  const current = await db
    .selectFrom('checkout_sessions')
    .select('status')
    .where('id', '=', sessionId)
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

/**
 * Charges the plan's price and, only when the charge succeeds, stores the customer, the card
 * reference, the payment and the subscription and completes the session, in one transaction.
 * The session is claimed first (`phone_verified -> processing`), so a double submit charges
 * once; a decline releases it for another card, up to five attempts. A customer who already
 * has this plan completes the checkout without paying again.
 */
export async function subscribe(
  deps: { db: Db; payments: PaymentProcessor; now: () => Date },
  opened: ActiveSession,
  fields: { card_number: string; expiry: string; cvc: string },
): Promise<SubscribeResult> {
  const { session, plan, merchant } = opened;
  if (session.status === 'open' || session.phone === null) {
    throw new ApiError(403, 'phone_not_verified', 'Verify your phone number first.');
  }
  const phone = session.phone;
  const card = parseCard(fields, deps.now());

  const known = await findCustomer(deps.db, merchant.id, {
    customerId: session.customer_id,
    phone,
  });
  const current = known
    ? await deps.db
        .selectFrom('subscriptions')
        .select('id')
        .where('customer_id', '=', known.id)
        .where('plan_id', '=', plan.id)
        .where('status', '=', 'active')
        .executeTakeFirst()
    : undefined;
  if (known && current) {
    const completed = await deps.db
      .updateTable('checkout_sessions')
      .set({ status: 'completed', completed_at: deps.now().toISOString(), customer_id: known.id })
      .where('id', '=', session.id)
      .where('status', '=', 'phone_verified')
      .executeTakeFirst();
    if (completed.numUpdatedRows === 0n) return refuseClaim(deps.db, session.id);
    return { checkout_session_id: session.id, customer_id: known.id, subscription_id: current.id };
  }

  const claimed = await deps.db
    .updateTable('checkout_sessions')
    .set((eb) => ({ status: 'processing', payment_attempts: eb('payment_attempts', '+', 1) }))
    .where('id', '=', session.id)
    .where('status', '=', 'phone_verified')
    .where('payment_attempts', '<', PAYMENT_ATTEMPTS_PER_SESSION)
    .returning('payment_attempts')
    .executeTakeFirst();
  if (!claimed) return refuseClaim(deps.db, session.id);

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
      // The attempt number this request claimed, so no two attempts share a key.
      idempotencyKey: `${session.id}:${claimed.payment_attempts}`,
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
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('customers')
        .values({
          id: createId('con', merchant.environment),
          merchant_id: merchant.id,
          phone,
          created_at: at.toISOString(),
        })
        .onConflict((oc) => oc.columns(['merchant_id', 'phone']).doNothing())
        .execute();
      const customer = await findCustomer(trx, merchant.id, {
        customerId: session.customer_id,
        phone,
      });
      if (!customer) throw new Error('the customer inserted or found by phone is missing');
      const paymentMethodId = createId('pm', merchant.environment);
      await trx
        .insertInto('payment_methods')
        .values({
          id: paymentMethodId,
          customer_id: customer.id,
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
      // A customer has one plan at a time: subscribing to another plan replaces the current one.
      await trx
        .updateTable('subscriptions')
        .set({ status: 'cancelled', cancelled_at: at.toISOString() })
        .where('customer_id', '=', customer.id)
        .where('status', '=', 'active')
        .execute();
      const subscriptionId = createId('sub', merchant.environment);
      await trx
        .insertInto('subscriptions')
        .values({
          id: subscriptionId,
          customer_id: customer.id,
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
        .set({ status: 'completed', completed_at: at.toISOString(), customer_id: customer.id })
        .where('id', '=', session.id)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      if (completed.numUpdatedRows === 0n) {
        throw new ApiError(409, 'session_completed', 'This checkout is already complete.');
      }
      return {
        checkout_session_id: session.id,
        customer_id: customer.id,
        subscription_id: subscriptionId,
      };
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The money moved but the records did not: keep the charge on file for reconciliation and
    // leave the session claimed, so no retry can charge the card again.
    console.error('Lava Checkout: a charge succeeded but its subscription could not be stored', {
      session: session.id,
      charge: chargeRef,
    });
    await deps.db
      .insertInto('payments')
      .values(paymentRow({ failure_code: null, processor_ref: chargeRef }))
      .execute()
      .catch(() => {});
    throw new ApiError(
      500,
      'completion_failed',
      'Your payment went through, but we could not finish setting up your subscription. Contact the merchant; you will not be charged again.',
    );
  }
}
