import {
  type CheckedCheckoutSessionParams,
  decodeBase64Url,
  decodeCheckoutToken,
} from '@lava-checkout/protocol';
import { createCheckoutSessionFromApi } from '../checkoutSessions/createCheckoutSessionFromApi.ts';
import { Money } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';

/** A checkout a signed-in customer can open on its own, to buy more credits. */
export interface TopUpCheckout {
  checkout_url: string;
  checkout_session_id: string;
  checkout_mode: CheckedCheckoutSessionParams['mode'];
  /** The bundle (`cb_…`) or plan (`sc_…`) it sells. */
  sells: string;
}

const cannot = (why: string) => new ServiceError('invalid_state', `Lava Checkout: ${why}`);

/**
 * Mints, with the merchant's current key, a checkout session for a customer out of credits:
 * the cheapest credit bundle of their plan, else the plan itself. Its origin is the service's own
 * (nobody frames it), and its URL opens the standalone page, `/checkout/:secret`.
 */
export async function mintTopUpCheckout(
  services: Services,
  key: { merchant_id: string; customer_id: string | null },
): Promise<TopUpCheckout> {
  const { db } = services;
  const now = services.now();
  if (key.customer_id === null) {
    throw cannot(
      "this key is the merchant's, not a customer's: there is nothing to buy. Add credits to the customer, or sign in as the customer (login with merchant_id).",
    );
  }
  const subscription = await db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select('subscriptions.plan_id')
    .where('subscriptions.customer_id', '=', key.customer_id)
    .where('plans.merchant_id', '=', key.merchant_id)
    .where('subscriptions.status', '=', 'active')
    .orderBy('subscriptions.started_at', 'desc')
    .executeTakeFirst();
  if (!subscription) {
    throw cannot(
      `customer ${key.customer_id} has no active plan to buy credits for. Subscribe them to a plan through the merchant's checkout first.`,
    );
  }
  // The cheapest bundle: the least an agent's person pays to go on.
  const bundles = await db
    .selectFrom('credit_bundles')
    .select(['id', 'cost'])
    .where('plan_id', '=', subscription.plan_id)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const bundle = bundles.reduce<(typeof bundles)[number] | undefined>(
    (least, next) => (least && !new Money(next.cost).lessThan(least.cost) ? least : next),
    undefined,
  );
  const signer = await db
    .selectFrom('secret_keys')
    .innerJoin('merchants', 'merchants.id', 'secret_keys.merchant_id')
    .select(['secret_keys.kid', 'secret_keys.signing_key', 'merchants.environment'])
    .where('secret_keys.merchant_id', '=', key.merchant_id)
    .where((eb) =>
      eb.or([
        eb('secret_keys.revoked_at', 'is', null),
        eb('secret_keys.revoked_at', '>', now.toISOString()),
      ]),
    )
    .orderBy('secret_keys.created_at', 'desc')
    .executeTakeFirst();
  const signingKey = signer && decodeBase64Url(signer.signing_key);
  if (!signer || !signingKey) {
    throw cannot(
      `merchant ${key.merchant_id} has no current secret key to sign a checkout with. Create one (the keys command), then retry.`,
    );
  }
  const base = { origin: new URL(services.publicUrl).origin, customerId: key.customer_id };
  const params: CheckedCheckoutSessionParams = bundle
    ? { ...base, mode: 'credit_bundle', creditBundleId: bundle.id }
    : { ...base, mode: 'subscription', planId: subscription.plan_id };
  // Through the REST API's use case: the same checks, the same signed, recorded session.
  const session = await createCheckoutSessionFromApi(
    services,
    {
      id: key.merchant_id,
      environment: signer.environment,
      signingKey: { kid: signer.kid, key: signingKey },
    },
    params,
  );
  const token = decodeCheckoutToken(session.checkout_session_token);
  if (!token.ok) throw new Error(token.message);
  return {
    checkout_url: new URL(`checkout/${token.token.secret}`, services.publicUrl).href,
    checkout_session_id: session.checkout_session_id,
    checkout_mode: params.mode,
    sells: bundle?.id ?? subscription.plan_id,
  };
}
