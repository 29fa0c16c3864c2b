import { setTimeout as delay } from 'node:timers/promises';
import type { SubscribeRequest, SubscribeResponse } from '../../shared/checkoutContract.ts';
import type { CheckoutServices } from '../CheckoutServices.ts';
import { CheckoutError } from '../errors/CheckoutError.ts';
import { chargePayment } from './chargePayment.ts';
import { claimPayment } from './claimPayment.ts';
import { completeIfSubscribed } from './completeIfSubscribed.ts';
import { PURCHASE_WAIT_MS } from './limits.ts';
import type { ActiveSession } from './openCheckoutSession.ts';
import { isPaymentAttempt } from './paymentRow.ts';
import { type SettleOutcome, settlePayment } from './settlePayment.ts';

type Deps = Pick<CheckoutServices, 'db' | 'dialect' | 'payments' | 'now'>;

/** How often a session waiting on another's payment for the same purchase looks again. */
const PURCHASE_POLL_MS = 25;

const answer = (outcome: SettleOutcome): SubscribeResponse => {
  switch (outcome.status) {
    case 'succeeded':
    case 'requires_action':
      return outcome;
    case 'failed':
      throw new CheckoutError(outcome.code, outcome.message);
    case 'in_flight':
      throw new CheckoutError(
        'processing_error',
        'We could not confirm your payment with the card network. Wait a minute, then try again: you will not be charged twice.',
      );
    default:
      return outcome satisfies never;
  }
};

/**
 * Subscribes the verified customer to the session's plan, charging its price once:
 *
 * 1. a customer who already has the plan completes without a charge;
 * 2. otherwise the payment is claimed for the phone and plan, written with its idempotency key,
 *    and charged; a second session paying for the same purchase waits for the first, then
 *    completes as already subscribed;
 * 3. the processor's answer is settled: recorded, released for another card, or left to the
 *    customer's authentication (3-D Secure), which the page finishes by sending `charge`.
 */
export async function subscribe(
  deps: Deps,
  opened: ActiveSession,
  request: SubscribeRequest,
  ip: string,
): Promise<SubscribeResponse> {
  const { session, plan, merchant } = opened;
  if (session.status === 'open' || session.phone === null) {
    throw new CheckoutError('phone_not_verified', 'Verify your phone number first.');
  }
  if ('charge' in request) return finishAuthentication(deps, opened, request.charge);

  const phone = session.phone;
  const paymentMethod = await deps.payments.readPaymentMethod(request.payment_method);
  if (!paymentMethod) {
    throw new CheckoutError('invalid_payment_method', 'Check your card details and try again.', {
      param: 'payment_method',
    });
  }
  const deadline = Date.now() + PURCHASE_WAIT_MS;
  for (;;) {
    const subscribed = await completeIfSubscribed(deps.db, opened, phone, deps.now());
    if (subscribed) return subscribed;
    const payment = await claimPayment(deps, opened, {
      phone,
      ip,
      paymentMethodRef: paymentMethod.processorRef,
    });
    if (payment !== 'busy') {
      const charge = await chargePayment(deps.payments, payment, `${merchant.name}: ${plan.name}`);
      return answer(
        await settlePayment(deps, payment, charge, {
          customerId: session.customer_id,
          environment: merchant.environment,
          billingInterval: plan.billing_interval,
          paymentMethod,
        }),
      );
    }
    if (Date.now() >= deadline) {
      throw new CheckoutError(
        'payment_in_progress',
        'Another payment for this plan is in progress. Try again in a minute.',
      );
    }
    await delay(PURCHASE_POLL_MS);
  }
}

/** After the page ran the customer's authentication: settle the charge that asked for it. */
async function finishAuthentication(
  deps: Deps,
  opened: ActiveSession,
  chargeRef: string,
): Promise<SubscribeResponse> {
  const row = await deps.db
    .selectFrom('payments')
    .selectAll()
    .where('session_id', '=', opened.session.id)
    .where('processor_ref', '=', chargeRef)
    .where('status', '=', 'requires_action')
    .executeTakeFirst();
  if (!row || !isPaymentAttempt(row)) {
    throw new CheckoutError(
      'invalid_request',
      'charge: no payment of this checkout waits for it.',
      {
        param: 'charge',
      },
    );
  }
  const state = await deps.payments.getCharge(chargeRef).catch(() => null);
  return answer(
    await settlePayment(
      deps,
      row,
      state ? { chargeRef, state } : { chargeRef, state: { status: 'unknown' } },
    ),
  );
}
