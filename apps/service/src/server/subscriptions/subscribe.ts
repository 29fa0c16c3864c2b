import { setTimeout as delay } from 'node:timers/promises';
import type { SubscribeRequest, SubscribeResponse } from '../../shared/checkoutContract.ts';
import { PURCHASE_WAIT_MS } from '../checkoutSessions/limits.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { chargeDescription } from '../payments/chargeDescription.ts';
import { chargePayment } from '../payments/chargePayment.ts';
import { claimPayment } from '../payments/claimPayment.ts';
import { isPaymentAttempt } from '../payments/paymentRow.ts';
import { readCardPaymentMethod } from '../payments/readCardPaymentMethod.ts';
import { type SettleOutcome, settlePayment } from '../payments/settlePayment.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'payments' | 'now'>;

/** How often a session waiting on another's payment for the same purchase looks again. */
export const PURCHASE_POLL_MS = 25;

/** What the page hears of a settled payment; a refusal names the card's field at fault. */
export const answer = (outcome: SettleOutcome): SubscribeResponse => {
  switch (outcome.status) {
    case 'succeeded':
    case 'requires_action':
      return outcome;
    case 'failed':
      throw new ServiceError(
        outcome.code,
        outcome.message,
        outcome.param ? { param: outcome.param } : {},
      );
    case 'in_flight':
      throw new ServiceError(
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
 * 1. the payment is claimed for the phone and plan and written with its idempotency key; a
 *    customer who already has the plan completes instead, without a charge, and a session
 *    paying for a purchase another session is paying for waits for it, then looks again;
 * 2. the processor charges it;
 * 3. its answer is settled: recorded, released for another card, or left to the customer's
 *    authentication (3-D Secure), which the page finishes by sending `charge`.
 */
export async function subscribe(
  deps: Deps,
  checkout: CheckoutContext,
  request: SubscribeRequest,
  /** What the limits per address count; `null`: none apply (see `addressLimitKey`). */
  ip: string | null,
): Promise<SubscribeResponse> {
  if ('charge' in request) return finishAuthentication(deps, checkout, request.charge);
  const paymentMethod = await readCardPaymentMethod(deps, request.payment_method);
  const { merchant, plan } = checkout;
  const deadline = Date.now() + PURCHASE_WAIT_MS;
  for (;;) {
    const claim = await claimPayment(deps, checkout, {
      ip,
      paymentMethodRef: paymentMethod.processorRef,
    });
    switch (claim.kind) {
      case 'subscribed':
        return claim.result;
      case 'claimed': {
        const charge = await chargePayment(
          deps.payments,
          claim.payment,
          chargeDescription(merchant.name, plan.name),
        );
        return answer(
          await settlePayment(deps, claim.payment, charge, {
            customerId: claim.session.customer_id,
            environment: merchant.environment,
            billingInterval: plan.billing_interval,
            planName: plan.name,
            paymentMethod,
          }),
        );
      }
      case 'busy':
        if (Date.now() >= deadline) {
          throw new ServiceError(
            'payment_in_progress',
            'Another payment for this plan is in progress. Try again in a minute.',
          );
        }
        await delay(PURCHASE_POLL_MS);
        break;
      default:
        return claim satisfies never;
    }
  }
}

/** After the page ran the customer's authentication: settle the charge that asked for it. */
export async function finishAuthentication(
  deps: Deps,
  checkout: CheckoutContext,
  chargeRef: string,
): Promise<SubscribeResponse> {
  const row = await deps.db
    .selectFrom('payments')
    .selectAll()
    .where('session_id', '=', checkout.claims.sid)
    .where('processor_ref', '=', chargeRef)
    .where('status', '=', 'requires_action')
    .executeTakeFirst();
  if (!row || !isPaymentAttempt(row)) {
    throw new ServiceError('invalid_request', 'charge: no payment of this checkout waits for it.', {
      param: 'charge',
    });
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
