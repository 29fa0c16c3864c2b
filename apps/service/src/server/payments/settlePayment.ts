import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { balanceChanged } from '../balanceEvents/balanceChanged.ts';
import { AUTHENTICATION_LEASE_MS } from '../checkoutSessions/limits.ts';
import type { Services } from '../Services.ts';
import type { ChargeResult } from './chargePayment.ts';
import type { PaymentFailure } from './PaymentProcessor.ts';
import type { PaymentRow } from './paymentRow.ts';
import { type RecordPaymentInput, recordPayment } from './recordPayment.ts';
import { releasePayment } from './releasePayment.ts';

/** A recorded success changed the customer's credits or plan: open balance streams read them again. */
async function announced(
  deps: Pick<Services, 'db'>,
  recording: Promise<SettleOutcome>,
): Promise<SettleOutcome> {
  const outcome = await recording;
  if (outcome.status === 'succeeded') balanceChanged(deps.db, outcome.customer_id);
  return outcome;
}

export type SettleOutcome =
  | Extract<SubscribeResponse, { status: 'succeeded' }>
  | Extract<SubscribeResponse, { status: 'requires_action' }>
  | ({ status: 'failed' } & PaymentFailure)
  /** The processor could not say, or is still working: the payment stays claimed. */
  | { status: 'in_flight' };

/** What recording a success needs beyond the payment and its charge; the request path has it already. */
export type SettleContext = Pick<
  RecordPaymentInput,
  'customerId' | 'merchant' | 'plan' | 'paymentMethod'
>;

/**
 * Applies what the processor says of a claimed payment, whatever its kind: a success is
 * recorded as its kind says (`recordPayment`), a failure or a charge never confirmed releases
 * the session, a charge
 * awaiting authentication waits for the customer, and anything else stays claimed for the
 * recovery job. The one path from a charge's state to our records, for requests and recovery.
 */
export async function settlePayment(
  deps: Pick<Services, 'db' | 'payments' | 'now'>,
  payment: PaymentRow,
  charge: ChargeResult,
  known?: SettleContext,
): Promise<SettleOutcome> {
  const { state, chargeRef } = charge;
  switch (state.status) {
    case 'succeeded': {
      const context = known ?? (await loadContext(deps, payment));
      if (!context || chargeRef === null) return { status: 'in_flight' };
      // The card is saved to the processor's customer by this charge: keep it for renewals.
      const paymentMethod = state.customerRef
        ? { ...context.paymentMethod, customerRef: state.customerRef }
        : context.paymentMethod;
      return announced(
        deps,
        recordPayment(deps.db, {
          ...context,
          payment,
          chargeRef,
          paymentMethod,
          at: deps.now(),
        }),
      );
    }
    case 'failed':
      await releasePayment(deps.db, payment, state.failure, chargeRef, deps.now());
      return { status: 'failed', ...state.failure };
    case 'unconfirmed':
      if (chargeRef !== null) await deps.payments.cancelCharge(chargeRef);
      await releasePayment(deps.db, payment, { code: 'processing_error' }, chargeRef, deps.now());
      return {
        status: 'failed',
        code: 'processing_error',
        message: 'We could not reach the card network. Try again.',
      };
    case 'requires_action':
      if (chargeRef === null) return { status: 'in_flight' };
      await deps.db
        .updateTable('payments')
        .set({
          status: 'requires_action',
          processor_ref: chargeRef,
          locked_until: new Date(deps.now().getTime() + AUTHENTICATION_LEASE_MS).toISOString(),
        })
        .where('id', '=', payment.id)
        .where('status', '=', 'pending')
        .execute();
      return { status: 'requires_action', charge: chargeRef, client_secret: state.clientSecret };
    case 'processing':
    case 'unknown':
      return { status: 'in_flight' };
    default:
      return state satisfies never;
  }
}

/** For a late settling (recovery, or the page back from authentication): what the payment's owner knows. */
async function loadContext(
  deps: Pick<Services, 'db' | 'payments'>,
  payment: PaymentRow,
): Promise<SettleContext | null> {
  // The payment names the plan: a credit bundle session has none of its own. Its customer is
  // its checkout session's, or its subscription's.
  const row = await deps.db
    .selectFrom('merchants')
    .innerJoin('plans', 'plans.merchant_id', 'merchants.id')
    .leftJoin('checkout_sessions', (join) =>
      join.on('checkout_sessions.id', '=', payment.session_id ?? ''),
    )
    .leftJoin('subscriptions', (join) =>
      join.on('subscriptions.id', '=', payment.subscription_id ?? ''),
    )
    .select([
      'merchants.environment',
      'plans.billing_interval',
      'plans.name',
      'checkout_sessions.customer_id as session_customer_id',
      'subscriptions.customer_id as subscription_customer_id',
    ])
    .where('merchants.id', '=', payment.merchant_id)
    .where('plans.id', '=', payment.plan_id)
    .executeTakeFirstOrThrow();
  const paymentMethod = await deps.payments.readPaymentMethod(payment.payment_method_ref);
  return (
    paymentMethod && {
      customerId: row.session_customer_id ?? row.subscription_customer_id,
      merchant: { id: payment.merchant_id, environment: row.environment },
      plan: { id: payment.plan_id, billing_interval: row.billing_interval, name: row.name },
      paymentMethod,
    }
  );
}
