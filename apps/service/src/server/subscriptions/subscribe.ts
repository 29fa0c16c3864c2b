import type { SubscribeRequest, SubscribeResponse } from '../../shared/checkoutContract.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { finishAuthentication, purchase } from '../payments/purchase.ts';
import { readCardPaymentMethod } from '../payments/readCardPaymentMethod.ts';
import type { Services } from '../Services.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'payments' | 'now'>;

/**
 * Subscribes the verified customer to the session's plan, charging its price once through the
 * purchase pipeline (`purchase`): a plan is bought once, so a customer who already has it
 * completes without a charge. A card that asks for authentication (3-D Secure) comes back for
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
  return purchase(
    deps,
    checkout,
    {
      kind: 'plan',
      planId: plan.id,
      creditBundleId: null,
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
