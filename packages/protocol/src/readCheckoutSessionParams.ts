import { readOriginParam } from './readOriginParam.ts';
import { type ParamRefusal, refuseParam } from './refuseParam.ts';
import type { CheckoutMode } from './SessionClaims.ts';

/** What to sell in a checkout. The field names are the Lava REST API's. */
export interface CheckoutSessionParams {
  /** `'subscription'` (a plan) or `'credit_bundle'` (a credit pack for a subscribed customer). */
  checkout_mode: CheckoutMode;
  /**
   * The origin of the page that opens the checkout, e.g. `https://yourapp.com`. Only this
   * origin may embed the checkout and receive its messages.
   */
  origin_url: string;
  /** The plan to subscribe to (`sc_...`); subscription mode only. */
  plan_id?: string;
  /**
   * The customer (`con_...` or your reference id): optional in subscription mode (omit it for
   * new customers), required in credit_bundle mode.
   */
  customer_id?: string;
  /** The credit bundle to buy (`cb_...`); credit_bundle mode only. */
  credit_bundle_id?: string;
  /** @deprecated Old name of `plan_id`, still accepted. */
  subscription_config_id?: string;
  /** @deprecated Old name of `customer_id`, still accepted. */
  connection_id?: string;
  /** @deprecated Your reference id of the customer; use `customer_id`, which accepts it. */
  reference_id?: string;
}

/** Checked checkout session parameters, with the legacy names folded in. */
export interface CheckedCheckoutSessionParams {
  mode: CheckoutMode;
  /** A bare origin. */
  origin: string;
  planId?: string;
  customerId?: string;
  creditBundleId?: string;
}

export type ReadCheckoutSessionParamsResult =
  | { ok: true; params: CheckedCheckoutSessionParams }
  | ParamRefusal;

const MODES: readonly CheckoutMode[] = ['subscription', 'credit_bundle'];

/**
 * Checks the parameters of a checkout session, the same way for the server helper and the
 * REST API: the mode, the origin (one real site), and the ids each mode needs. Never throws.
 */
export function readCheckoutSessionParams(input: unknown): ReadCheckoutSessionParamsResult {
  if (typeof input !== 'object' || input === null) {
    return refuseParam(
      'params',
      'it is not an object',
      'Pass { checkout_mode, origin_url, plan_id }',
    );
  }
  const p = input as Record<string, unknown>;
  const mode = p.checkout_mode;
  if (!MODES.includes(mode as CheckoutMode)) {
    return refuseParam(
      'checkout_mode',
      `"${String(mode)}" is not a supported mode`,
      'Use "subscription" or "credit_bundle"',
    );
  }
  const origin = readOriginParam(p.origin_url, 'opens the checkout');
  if (!origin.ok) return origin;
  const ids: Record<'planId' | 'customerId' | 'creditBundleId', string | undefined> = {
    planId: undefined,
    customerId: undefined,
    creditBundleId: undefined,
  };
  const names = [
    ['planId', 'plan_id', ['plan_id', 'subscription_config_id']],
    ['customerId', 'customer_id', ['customer_id', 'connection_id', 'reference_id']],
    ['creditBundleId', 'credit_bundle_id', ['credit_bundle_id']],
  ] as const;
  for (const [key, param, aliases] of names) {
    for (const alias of aliases) {
      const value = p[alias];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
        return refuseParam(
          alias,
          'it must be a non-empty string of at most 255 characters',
          `Pass the ${param} your Lava dashboard or API gave you`,
        );
      }
      ids[key] ??= value;
    }
  }
  const params: CheckedCheckoutSessionParams = {
    mode: mode as CheckoutMode,
    origin: origin.origin,
  };
  if (mode === 'subscription') {
    if (ids.planId === undefined) {
      return refuseParam('plan_id', 'it is missing', 'Pass the id of the plan to subscribe to');
    }
    if (ids.creditBundleId !== undefined) {
      return refuseParam(
        'credit_bundle_id',
        'a subscription checkout sells a plan, not a credit bundle',
        'Leave it out, or use checkout_mode "credit_bundle"',
      );
    }
    params.planId = ids.planId;
  } else {
    if (ids.creditBundleId === undefined) {
      return refuseParam(
        'credit_bundle_id',
        'it is missing',
        'Pass the id of the credit bundle to buy',
      );
    }
    if (ids.customerId === undefined) {
      return refuseParam(
        'customer_id',
        'a credit bundle is sold only to a subscribed customer',
        'Pass the customer_id of the subscriber',
      );
    }
    if (ids.planId !== undefined) {
      return refuseParam(
        'plan_id',
        'a credit_bundle checkout takes its plan from the bundle',
        'Leave plan_id out',
      );
    }
    params.creditBundleId = ids.creditBundleId;
  }
  if (ids.customerId !== undefined) params.customerId = ids.customerId;
  return { ok: true, params };
}
