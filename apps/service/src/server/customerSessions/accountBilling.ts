import { setAutoTopUp } from '../credits/setAutoTopUp.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';

/**
 * The billing use cases the account page changes a subscription through, so each change follows
 * the same rules, and sends the same webhooks, as the merchant's API. One seam: the routes call
 * these and nothing else of `subscriptions/` or `credits/`.
 */
export interface AccountBilling {
  /** Upgrade at once (prorated), or downgrade at the cycle's end. */
  changePlan(
    services: Services,
    input: { merchantId: string; customerId: string; planId: string },
  ): Promise<unknown>;
  /** Cancels at the cycle's end (a pending change the customer may undo). */
  scheduleCancellation(
    services: Services,
    input: { merchantId: string; subscriptionId: string },
  ): Promise<unknown>;
  /** Undoes a pending downgrade or cancellation. */
  clearPendingChange(
    services: Services,
    input: { merchantId: string; subscriptionId: string },
  ): Promise<unknown>;
  /** Turns auto top-up on with a bundle of the plan, or off (`null`). */
  setAutoTopUp(
    services: Services,
    input: { merchantId: string; customerId: string; bundleId: string | null },
  ): Promise<unknown>;
}

const notYet = (what: string) => () =>
  Promise.reject(
    new ServiceError(
      'invalid_state',
      `Lava Checkout: ${what} is not available on this service yet. Update the service.`,
    ),
  );

/**
 * The use cases themselves. TODO(account18): `changePlan`, `scheduleCancellation` and
 * `clearPendingChange` (subscriptions/) are wired here as they land.
 */
export const accountBilling: AccountBilling = {
  changePlan: notYet('changing plans'),
  scheduleCancellation: notYet('cancelling at the end of the cycle'),
  clearPendingChange: notYet('undoing a pending change'),
  setAutoTopUp,
};
