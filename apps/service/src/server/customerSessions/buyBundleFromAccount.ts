import type { SessionClaims } from '@lava-checkout/protocol';
import type { AccountBuyRequest } from '../../shared/accountContract.ts';
import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { SOLD_BUNDLE_COLUMNS } from '../checkoutSessions/SOLD_BUNDLE_COLUMNS.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { buyBundle } from '../credits/buyBundle.ts';
import { createId } from '../platform/createId.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import type { CustomerSessionContext } from './verifyCustomerSession.ts';

/** A purchase in the account page: its checkout's response, and that checkout's id. */
export type AccountPurchase = SubscribeResponse & { purchase: string };

const notFound = () =>
  new ServiceError('not_found', 'This credit bundle is not one of your plan’s.', {
    param: 'bundle_id',
  });

/** The bundle of the customer's plan, sold as a checkout would sell it. */
async function contextFor(
  services: Services,
  account: CustomerSessionContext,
  bundleId: string,
  sid: string,
  iat: number,
): Promise<CheckoutContext> {
  const { merchantId, customer, claims } = account;
  const now = services.now();
  const bundle = await services.db
    .selectFrom('credit_bundles')
    .innerJoin('subscriptions', 'subscriptions.plan_id', 'credit_bundles.plan_id')
    .select(SOLD_BUNDLE_COLUMNS)
    .where('credit_bundles.id', '=', bundleId)
    .where('credit_bundles.deleted_at', 'is', null)
    .where('subscriptions.customer_id', '=', customer.id)
    .where('subscriptions.status', '=', 'active')
    .executeTakeFirst();
  if (!bundle) throw notFound();
  const entry = await services.catalog.get(merchantId, bundle.plan_id, now);
  if (!entry) throw notFound();
  const checkoutClaims: SessionClaims = {
    sid,
    mode: 'credit_bundle',
    origin: claims.origin,
    customer: customer.id,
    bundle: bundle.id,
    iat,
    exp: claims.exp,
  };
  return { claims: checkoutClaims, kid: '', ...entry, bundle };
}

/**
 * Buys a credit bundle of the customer's plan from the account page, through the same pipeline
 * as a bundle's checkout (`buyBundle`: claim, charge, settle, record, `credits.purchased`): the
 * customer session stands for the verified phone, so the purchase is a checkout session of its
 * own, made here already verified. A card that asks for authentication comes back with that
 * checkout's id (`purchase`), which the page sends again with the `charge` to finish it.
 */
export async function buyBundleFromAccount(
  services: Services,
  account: CustomerSessionContext,
  bundleId: string,
  request: AccountBuyRequest,
  ip: string | null,
): Promise<AccountPurchase> {
  const { merchantId, customer, claims } = account;
  const now = services.now();
  if ('charge' in request) {
    const session = await services.db
      .selectFrom('checkout_sessions')
      .select(['id', 'created_at'])
      .where('id', '=', request.purchase)
      .where('merchant_id', '=', merchantId)
      .where('customer_id', '=', customer.id)
      .where('credit_bundle_id', '=', bundleId)
      .executeTakeFirst();
    if (!session) {
      throw new ServiceError('invalid_request', 'purchase: no purchase of yours has this id.', {
        param: 'purchase',
      });
    }
    const iat = Math.floor(Date.parse(session.created_at) / 1000);
    const checkout = await contextFor(services, account, bundleId, session.id, iat);
    const answer = await buyBundle(services, checkout, { charge: request.charge }, ip);
    return { ...answer, purchase: session.id };
  }
  const merchant = await services.db
    .selectFrom('merchants')
    .select('environment')
    .where('id', '=', merchantId)
    .executeTakeFirstOrThrow();
  const sid = createId('cs', merchant.environment, now.getTime());
  const iat = Math.floor(now.getTime() / 1000);
  const checkout = await contextFor(services, account, bundleId, sid, iat);
  const at = now.toISOString();
  await services.db
    .insertInto('checkout_sessions')
    .values({
      id: sid,
      merchant_id: merchantId,
      mode: 'credit_bundle',
      origin_url: claims.origin,
      plan_id: checkout.plan.id,
      customer_id: customer.id,
      credit_bundle_id: bundleId,
      // The customer session is the customer's identity here, as a verified code is at checkout.
      status: 'phone_verified',
      phone: customer.phone ?? `customer:${customer.id}`,
      code_sends: 0,
      payment_attempts: 0,
      expires_at: new Date(claims.exp * 1000).toISOString(),
      created_at: at,
      updated_at: at,
      code_hash: null,
      code_expires_at: null,
      code_sent_at: null,
      code_attempts: 0,
      completed_at: null,
    })
    .execute();
  const body =
    'card_on_file' in request
      ? { card_on_file: true as const }
      : { payment_method: request.payment_method };
  const answer = await buyBundle(services, checkout, body, ip);
  return { ...answer, purchase: sid };
}
