import type { Environment } from '@lava-checkout/protocol';
import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { AUTHENTICATION_LEASE_MS } from '../checkoutSessions/limits.ts';
import { recordBundlePurchase } from '../credits/recordBundlePurchase.ts';
import type { Tables } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import { recordSubscription } from '../subscriptions/recordSubscription.ts';
import type { ChargeResult } from './chargePayment.ts';
import type { PaymentFailure, PaymentMethod } from './PaymentProcessor.ts';
import type { PaymentRow } from './paymentRow.ts';
import { releasePayment } from './releasePayment.ts';

export type SettleOutcome =
  | Extract<SubscribeResponse, { status: 'succeeded' }>
  | Extract<SubscribeResponse, { status: 'requires_action' }>
  | ({ status: 'failed' } & PaymentFailure)
  /** The processor could not say, or is still working: the payment stays claimed. */
  | { status: 'in_flight' };

/** What recording a success needs beyond the payment; the request path has it already. */
export interface SettleContext {
  customerId: string | null;
  environment: Environment;
  billingInterval: Tables['plans']['billing_interval'];
  /** For the webhook events the success writes. */
  planName: string;
  paymentMethod: PaymentMethod;
}

/**
 * Applies what the processor says of a claimed payment: a success is recorded (subscription,
 * or a credit bundle's credits, and the completed session), a failure or a charge never confirmed releases the session, a charge
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
      const paymentMethod = state.customerRef
        ? { ...context.paymentMethod, customerRef: state.customerRef }
        : context.paymentMethod;
      if (payment.credit_bundle_id !== null && context.customerId !== null) {
        return recordBundlePurchase(deps.db, {
          payment,
          chargeRef,
          sessionId: payment.session_id,
          customerId: context.customerId,
          merchant: { id: payment.merchant_id, environment: context.environment },
          paymentMethod,
          at: deps.now(),
        });
      }
      return recordSubscription(deps.db, {
        payment,
        chargeRef,
        session: { id: payment.session_id, customer_id: context.customerId },
        merchant: { id: payment.merchant_id, environment: context.environment },
        plan: {
          id: payment.plan_id,
          billing_interval: context.billingInterval,
          name: context.planName,
        },
        // The card is saved to the processor's customer by this charge: keep it for renewals.
        paymentMethod,
        at: deps.now(),
        // Without the request's own context, this is a late settling: check what happened since.
        recovering: known === undefined,
      });
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

async function loadContext(
  deps: Pick<Services, 'db' | 'payments'>,
  payment: PaymentRow,
): Promise<SettleContext | null> {
  // The payment names the plan: a credit bundle session has none of its own.
  const row = await deps.db
    .selectFrom('checkout_sessions')
    .innerJoin('merchants', 'merchants.id', 'checkout_sessions.merchant_id')
    .innerJoin('plans', (join) => join.on('plans.id', '=', payment.plan_id))
    .select([
      'checkout_sessions.customer_id',
      'merchants.environment',
      'plans.billing_interval',
      'plans.name',
    ])
    .where('checkout_sessions.id', '=', payment.session_id)
    .executeTakeFirstOrThrow();
  const paymentMethod = await deps.payments.readPaymentMethod(payment.payment_method_ref);
  return (
    paymentMethod && {
      customerId: row.customer_id,
      environment: row.environment,
      billingInterval: row.billing_interval,
      planName: row.name,
      paymentMethod,
    }
  );
}
