import { setTimeout as delay } from 'node:timers/promises';
import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { PURCHASE_WAIT_MS } from '../checkoutSessions/limits.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import type { CheckoutPurchase } from './CheckoutPurchase.ts';
import { chargeDescription } from './chargeDescription.ts';
import { chargePayment } from './chargePayment.ts';
import { claimPayment } from './claimPayment.ts';
import type { PaymentMethod } from './PaymentProcessor.ts';
import { isPaymentAttempt } from './paymentRow.ts';
import { type SettleOutcome, settlePayment } from './settlePayment.ts';

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
        // Only off-session charges are refused for authentication; the page knows it as failed.
        outcome.code === 'authentication_required' ? 'authentication_failed' : outcome.code,
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
 * The purchase pipeline of a checkout, the same for whatever it sells (`bought`: a plan, a
 * credit bundle), charging its price once:
 *
 * 1. claim: the payment is written with its kind and idempotency key, as the claim on the
 *    purchase (phone and plan); a customer who already has a plan completes instead, without a
 *    charge, and a session paying for a purchase another session is paying for waits for it,
 *    then looks again;
 * 2. charge: the processor charges it;
 * 3. settle: its answer is recorded as the kind says (`recordPayment`), released for another
 *    card, or left to the customer's authentication (3-D Secure), which the page finishes by
 *    sending `charge` (`finishAuthentication`).
 *
 * What a request leaves in flight, `recoverPayments` settles through the same steps 2 and 3.
 */
export async function purchase(
  deps: Deps,
  checkout: CheckoutContext,
  bought: CheckoutPurchase,
  paymentMethod: PaymentMethod,
  /** What the limits per address count; `null`: none apply (see `addressLimitKey`). */
  ip: string | null,
): Promise<SubscribeResponse> {
  const { merchant, plan } = checkout;
  const deadline = Date.now() + PURCHASE_WAIT_MS;
  for (;;) {
    const claim = await claimPayment(deps, checkout, bought, {
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
          chargeDescription(merchant.name, bought.name),
        );
        return answer(
          await settlePayment(deps, claim.payment, charge, {
            customerId: bought.customerId ?? claim.session.customer_id,
            merchant,
            plan,
            paymentMethod,
          }),
        );
      }
      case 'busy':
        if (Date.now() >= deadline) {
          throw new ServiceError(
            'payment_in_progress',
            bought.once
              ? 'Another payment for this plan is in progress. Try again in a minute.'
              : 'Another payment of yours is in progress. Try again in a minute.',
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
