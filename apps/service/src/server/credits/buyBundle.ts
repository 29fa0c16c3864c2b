import type { BuyBundleRequest, BuyBundleResponse } from '../../shared/checkoutContract.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import type { PaymentMethod } from '../payments/PaymentProcessor.ts';
import { finishAuthentication, purchase } from '../payments/purchase.ts';
import { readCardPaymentMethod } from '../payments/readCardPaymentMethod.ts';
import { formatMoney } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { findBundleBuyer } from './findBundleBuyer.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'payments' | 'now'>;

/**
 * Buys the session's credit bundle for the verified customer, charging its cost once through
 * the purchase pipeline (`purchase`), with a new card or the card on file (the subscription's):
 * a success adds the bundle's credits to the customer's balance in the transaction that
 * records it (`recordBundlePurchase`). A card that asks for authentication
 * (3-D Secure) comes back for the page to run, which then sends `charge`.
 */
export async function buyBundle(
  deps: Deps,
  checkout: CheckoutContext,
  request: BuyBundleRequest,
  /** What the limits per address count; `null`: none apply (see `addressLimitKey`). */
  ip: string | null,
): Promise<BuyBundleResponse> {
  const { bundle, claims, plan } = checkout;
  if (!bundle || claims.customer === undefined) {
    throw new ServiceError(
      'invalid_request',
      'This checkout sells a plan, not a credit bundle: POST /api/checkout/subscribe.',
    );
  }
  if ('charge' in request) return finishAuthentication(deps, checkout, request.charge);
  const buyer = await findBundleBuyer(deps.db, claims.customer, plan.id);
  if (!buyer) {
    throw new ServiceError(
      'subscription_inactive',
      `Your ${plan.name} is no longer active, so credits cannot be added to it.`,
    );
  }
  let paymentMethod: PaymentMethod;
  if ('card_on_file' in request) {
    if (!buyer.card) {
      throw new ServiceError('no_card_on_file', 'There is no card on file. Add a card.', {
        param: 'card_on_file',
      });
    }
    paymentMethod = buyer.card;
  } else {
    paymentMethod = await readCardPaymentMethod(deps, request.payment_method);
  }
  const onFile = 'card_on_file' in request;
  return purchase(
    deps,
    checkout,
    {
      kind: 'bundle',
      planId: bundle.plan_id,
      creditBundleId: bundle.id,
      amount: formatMoney(bundle.cost),
      name: bundle.name,
      // Having the plan is what allows buying its bundles, again and again.
      once: false,
      customerId: claims.customer,
      // A card on file is charged as the processor's customer it is saved to.
      customerRef: onFile ? (paymentMethod.customerRef ?? null) : null,
    },
    paymentMethod,
    ip,
  );
}
