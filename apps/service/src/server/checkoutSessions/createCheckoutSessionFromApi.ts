import { type CheckedCheckoutSessionParams, mintCheckoutSession } from '@lava-checkout/protocol';
import { findCreditBundleOrThrow } from '../catalog/findCreditBundleOrThrow.ts';
import { findPlanOrThrow } from '../catalog/findPlanOrThrow.ts';
import { findCustomerOrThrow } from '../customers/findCustomerOrThrow.ts';
import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { findPlanSubscriptionId } from '../subscriptions/findPlanSubscriptionId.ts';

/**
 * `POST /v1/checkout_sessions`: mints the same signed session and token as the server helper,
 * for backends in any language, and records it so it can be looked up at once. Its plan, its
 * customer and its credit bundle must be the merchant's, and a bundle is sold only to a
 * subscriber of its plan.
 */
export async function createCheckoutSessionFromApi(
  services: Pick<Services, 'db' | 'now' | 'publicUrl'>,
  merchant: AuthenticatedMerchant,
  checked: CheckedCheckoutSessionParams,
) {
  const { db } = services;
  const params = { ...checked };
  const customer =
    params.customerId === undefined
      ? undefined
      : await findCustomerOrThrow(db, merchant.id, params.customerId, 'customer_id');
  // A reference id becomes the customer's id, so the page finds the customer.
  if (customer) params.customerId = customer.id;
  let planId: string | null = null;
  if (params.planId !== undefined) {
    planId = (await findPlanOrThrow(db, merchant.id, params.planId, 'plan_id')).id;
  }
  if (params.creditBundleId !== undefined && customer) {
    const bundle = await findCreditBundleOrThrow(
      db,
      merchant.id,
      params.creditBundleId,
      'credit_bundle_id',
    );
    const subscribed = await findPlanSubscriptionId(db, customer.id, bundle.plan_id);
    if (!subscribed) {
      throw new ServiceError(
        'invalid_state',
        `Lava Checkout: customer ${customer.id} is not subscribed to the plan of credit bundle ${bundle.id}. Sell the plan first (checkout_mode "subscription"), then its bundles.`,
        { param: 'credit_bundle_id' },
      );
    }
  }
  const { session, claims } = await mintCheckoutSession(params, {
    signingKey: merchant.signingKey,
    environment: merchant.environment,
    base: services.publicUrl,
    now: services.now().getTime(),
  });
  await db
    .insertInto('checkout_sessions')
    .values({
      id: claims.sid,
      merchant_id: merchant.id,
      mode: claims.mode,
      origin_url: claims.origin,
      plan_id: planId,
      customer_id: claims.customer ?? null,
      credit_bundle_id: claims.bundle ?? null,
      status: 'open',
      phone: null,
      code_sends: 0,
      payment_attempts: 0,
      expires_at: session.expires_at,
      created_at: session.created_at,
      completed_at: null,
      updated_at: session.created_at,
      code_hash: null,
      code_expires_at: null,
      code_sent_at: null,
      code_attempts: 0,
    })
    .execute();
  return session;
}
