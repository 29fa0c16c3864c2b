import { PAYMENT_LEASE_MS } from '../checkoutSessions/limits.ts';
import { leaseRows } from '../platform/db/leaseRows.ts';
import type { Services } from '../Services.ts';
import { chargeDescription } from './chargeDescription.ts';
import type { ChargeState } from './PaymentProcessor.ts';
import { isPaymentAttempt, type PaymentRow } from './paymentRow.ts';
import { releasePayment } from './releasePayment.ts';
import { settlePayment } from './settlePayment.ts';

export interface RecoverPaymentsOptions {
  /**
   * Also take payments whose request may still be at work. Only safe when no request can be:
   * at the start of the only process using the database.
   */
  includeLeased?: boolean;
}

/**
 * The one recovery pass, for payments of every kind: settles those left in flight by whatever
 * claimed them and never finished (a crash, a cut connection, an unreachable processor, an
 * abandoned authentication). For each, it asks the processor what
 * became of the attempt's idempotency key, without charging: a succeeded charge is recorded and
 * recorded as its kind says (`recordPayment`); one that never moved money is cancelled and a
 * checkout's session made payable again. Returns how many payments it settled.
 */
export async function recoverPayments(
  deps: Pick<Services, 'db' | 'payments' | 'now'>,
  options: RecoverPaymentsOptions = {},
): Promise<number> {
  const now = deps.now();
  let query = deps.db
    .selectFrom('payments')
    .selectAll()
    .where('status', 'in', ['pending', 'requires_action']);
  if (!options.includeLeased) query = query.where('locked_until', '<', now.toISOString());
  const stuck = (await query.execute()).filter(isPaymentAttempt);

  let settled = 0;
  for (const payment of stuck) {
    try {
      if (!(await takeLease(deps, payment, now))) continue;
      const outcome = await settle(deps, payment);
      if (outcome !== 'in_flight') settled += 1;
    } catch (error) {
      console.error('Lava Checkout: recovery could not settle a payment; it will try again', {
        payment: payment.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return settled;
}

/** Takes the payment from whoever held it, so two recoverers never settle it at once. */
async function takeLease(
  deps: Pick<Services, 'db'>,
  payment: PaymentRow,
  now: Date,
): Promise<boolean> {
  const update = leaseRows(deps.db, 'payments', {
    until: new Date(now.getTime() + PAYMENT_LEASE_MS),
    now,
    from: payment.locked_until,
  })
    .where('id', '=', payment.id)
    .where('status', '=', payment.status);
  return (await update.executeTakeFirst()).numUpdatedRows === 1n;
}

async function settle(
  deps: Pick<Services, 'db' | 'payments' | 'now'>,
  payment: PaymentRow,
): Promise<'settled' | 'in_flight'> {
  const names = await deps.db
    .selectFrom('merchants')
    .innerJoin('plans', 'plans.merchant_id', 'merchants.id')
    .leftJoin('credit_bundles', (join) =>
      join
        .onRef('credit_bundles.plan_id', '=', 'plans.id')
        .on('credit_bundles.id', '=', payment.credit_bundle_id ?? ''),
    )
    .select(['merchants.name as merchant', 'plans.name as plan', 'credit_bundles.name as bundle'])
    .where('plans.id', '=', payment.plan_id)
    .executeTakeFirstOrThrow();
  // Creating again under the same key and input names the same charge and never moves money.
  const { chargeRef } = await deps.payments.createCharge({
    paymentMethodRef: payment.payment_method_ref,
    amount: payment.amount,
    currency: 'usd',
    description: chargeDescription(names.merchant, names.bundle ?? names.plan),
    idempotencyKey: payment.idempotency_key,
    customerRef: payment.processor_customer_ref ?? undefined,
  });
  let state: ChargeState = await deps.payments.getCharge(chargeRef);
  if (state.status === 'requires_action' || state.status === 'unconfirmed') {
    // Nobody is there to finish it: drop it. Cancelling cannot undo a charge that succeeded
    // meanwhile, so read it again.
    await deps.payments.cancelCharge(chargeRef);
    state = await deps.payments.getCharge(chargeRef);
    if (state.status === 'requires_action' || state.status === 'unconfirmed') {
      await releasePayment(deps.db, payment, { code: 'processing_error' }, chargeRef, deps.now());
      return 'settled';
    }
  }
  const outcome = await settlePayment(deps, payment, { chargeRef, state });
  return outcome.status === 'in_flight' ? 'in_flight' : 'settled';
}
