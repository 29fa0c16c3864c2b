import { setAutoTopUp } from '../credits/setAutoTopUp.ts';
import type { Services } from '../Services.ts';
import { changePlan } from '../subscriptions/changePlan.ts';
import { clearPendingChange } from '../subscriptions/clearPendingChange.ts';
import { scheduleCancellation } from '../subscriptions/scheduleCancellation.ts';

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

/** The use cases themselves, as the merchant's API calls them. */
export const accountBilling: AccountBilling = {
  changePlan,
  scheduleCancellation,
  clearPendingChange,
  setAutoTopUp,
};
