import { setTimeout as delay } from 'node:timers/promises';
import type { BuyBundleRequest, BuyBundleResponse } from '../../shared/checkoutContract.ts';
import { PURCHASE_WAIT_MS } from '../checkoutSessions/limits.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { chargeDescription } from '../payments/chargeDescription.ts';
import { chargePayment } from '../payments/chargePayment.ts';
import { claimBundlePayment } from '../payments/claimBundlePayment.ts';
import type { PaymentMethod } from '../payments/PaymentProcessor.ts';
import { readCardPaymentMethod } from '../payments/readCardPaymentMethod.ts';
import { settlePayment } from '../payments/settlePayment.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { answer, finishAuthentication, PURCHASE_POLL_MS } from '../subscriptions/subscribe.ts';
import { findBundleBuyer } from './findBundleBuyer.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'payments' | 'now'>;

/**
 * Buys the session's credit bundle for the verified customer, charging its cost once, with a
 * new card or the card on file (the subscription's): the payment is claimed and written with its
 * idempotency key, the processor charges it, and a success adds the bundle's credits to the
 * customer's balance in the transaction that records it. A card that asks for authentication
 * (3-D Secure) comes back for the page to run, which then sends `charge`.
 */
export async function buyBundle(
  deps: Deps,
  checkout: CheckoutContext,
  request: BuyBundleRequest,
  /** What the limits per address count; `null`: none apply (see `addressLimitKey`). */
  ip: string | null,
): Promise<BuyBundleResponse> {
  const { bundle, claims, merchant, plan } = checkout;
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
  const deadline = Date.now() + PURCHASE_WAIT_MS;
  for (;;) {
    const claim = await claimBundlePayment(
      deps,
      { ...checkout, bundle },
      {
        ip,
        paymentMethodRef: paymentMethod.processorRef,
        // A card on file is charged as the processor's customer it is saved to.
        customerRef: onFile ? (paymentMethod.customerRef ?? null) : null,
      },
    );
    switch (claim.kind) {
      case 'claimed': {
        const charge = await chargePayment(
          deps.payments,
          claim.payment,
          chargeDescription(merchant.name, bundle.name),
        );
        return answer(
          await settlePayment(deps, claim.payment, charge, {
            customerId: claims.customer,
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
            'Another payment of yours is in progress. Try again in a minute.',
          );
        }
        await delay(PURCHASE_POLL_MS);
        break;
      default:
        return claim satisfies never;
    }
  }
}
