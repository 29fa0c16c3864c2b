import type { SubscribeRequest, SubscribeResponse } from '../../shared/checkoutContract.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { finishAuthentication, purchase } from '../payments/purchase.ts';
import { readCardPaymentMethod } from '../payments/readCardPaymentMethod.ts';
import { Money } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { completeWithoutCard } from './completeWithoutCard.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'payments' | 'now'>;

/**
 * Subscribes the verified customer to the session's plan, charging its price once through the
 * purchase pipeline (`purchase`): a plan is bought once, so a customer who already has it
 * completes without a charge. A customer on a cheaper paid plan upgrades it (an `upgrade`
 * payment of the prorated amount, `prorateUpgrade`); a $0 plan, or one cheaper than the
 * customer's, needs no card (`completeWithoutCard`). A card that asks for authentication (3-D Secure) comes back for
 * the page to run, which then sends `charge`.
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
  const { plan } = checkout;
  if (new Money(plan.period_amount).lte(0)) {
    // No card needed (the page was told when the phone was verified): complete without one.
    const done = (await completeWithoutCard(deps, checkout)).subscribed_without_card;
    if (done) {
      const { starts_at: _, ...result } = done;
      return result;
    }
  }
  return purchase(
    deps,
    checkout,
    {
      kind: 'plan',
      planId: plan.id,
      creditBundleId: null,
      // The claim makes it an `upgrade` of a customer's cheaper plan, at the prorated amount.
      amount: plan.period_amount,
      name: plan.name,
      once: true,
      // The customer the verified phone belongs to, or a new one.
      customerId: null,
      customerRef: null,
    },
    paymentMethod,
    ip,
  );
}
