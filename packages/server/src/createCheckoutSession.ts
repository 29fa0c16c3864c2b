import {
  type CheckoutMode,
  createUlid,
  deriveSessionKey,
  encodeCheckoutToken,
  normalizeOriginUrl,
  SESSION_LIFETIME_SECONDS,
  type SessionClaims,
  secretKeyEnvironment,
  signSessionSecret,
  validateCheckoutBase,
} from '@lava-checkout/protocol';

/** What to sell in the checkout. The field names are the Lava REST API's. */
export interface CreateCheckoutSessionParams {
  /** Only `'subscription'` for now. */
  checkout_mode: CheckoutMode;
  /**
   * The origin of the page that opens the checkout, e.g. `https://yourapp.com`. Only this
   * origin may embed the checkout and receive its messages.
   */
  origin_url: string;
  /** The plan to subscribe to (`sc_...`). */
  plan_id?: string;
  /** A returning customer (`con_...` or your reference id); omit for new customers. */
  customer_id?: string;
  /** @deprecated Old name of `plan_id`, still accepted. */
  subscription_config_id?: string;
  /** @deprecated Old name of `customer_id`, still accepted. */
  connection_id?: string;
}

export interface CreateCheckoutSessionOptions {
  /**
   * Your Lava secret key (`aks_test_...` or `aks_live_...`). Server-side only.
   * @default process.env.LAVA_SECRET_KEY
   */
  secretKey?: string;
  /** Base URL of the checkout service, e.g. `https://checkout.example.com/`. */
  checkoutUrl: string;
  /**
   * Clock, in milliseconds; for tests.
   * @default Date.now
   */
  now?: () => number;
}

/** A minted session. Return `checkout_session_token` to your frontend; keep the rest. */
export interface CheckoutSession {
  checkout_session_id: string;
  checkout_session_token: string;
  checkout_mode: CheckoutMode;
  origin_url: string;
  plan_id: string;
  customer_id?: string;
  created_at: string;
  expires_at: string;
}

const fail = (argument: string, why: string, fix: string): never => {
  throw new TypeError(
    `Lava Checkout: createCheckoutSession() ${argument} is invalid: ${why}. ${fix}.`,
  );
};

const optionalId = (value: unknown, argument: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    return fail(
      argument,
      'it must be a non-empty string of at most 255 characters',
      `Pass the ${argument} your Lava dashboard or API gave you`,
    );
  }
  return value;
};

/**
 * Mints a 60-minute, single-use checkout session locally: no network call. The session's
 * secret is signed with a key derived from your secret key, so the checkout service can
 * verify it, and nobody else can mint or alter one.
 *
 * @example
 * const session = await createCheckoutSession(
 *   { checkout_mode: 'subscription', origin_url: 'https://yourapp.com', plan_id: 'sc_...' },
 *   { checkoutUrl: 'https://checkout.example.com/' },
 * );
 * res.json({ token: session.checkout_session_token });
 */
export async function createCheckoutSession(
  params: CreateCheckoutSessionParams,
  options: CreateCheckoutSessionOptions,
): Promise<CheckoutSession> {
  if (typeof params !== 'object' || params === null) {
    fail('params', 'it is not an object', 'Pass { checkout_mode, origin_url, plan_id }');
  }
  const secretKey = options?.secretKey ?? globalThis.process?.env?.LAVA_SECRET_KEY;
  const environment = secretKeyEnvironment(secretKey);
  if (!environment || typeof secretKey !== 'string') {
    return fail(
      'options.secretKey',
      'it is not a Lava secret key (aks_test_... or aks_live_...)',
      'Set LAVA_SECRET_KEY or pass { secretKey }',
    );
  }
  if (params.checkout_mode !== 'subscription') {
    fail(
      'checkout_mode',
      `"${String(params.checkout_mode)}" is not a supported mode`,
      'Use "subscription"',
    );
  }
  const origin = normalizeOriginUrl(params.origin_url);
  if (!origin.ok) {
    return fail(
      'origin_url',
      origin.reason,
      'Pass the origin of the page that opens the checkout, such as https://yourapp.com',
    );
  }
  const planId = optionalId(params.plan_id ?? params.subscription_config_id, 'plan_id');
  if (planId === undefined) {
    return fail('plan_id', 'it is missing', 'Pass the id of the plan to subscribe to');
  }
  const customerId = optionalId(params.customer_id ?? params.connection_id, 'customer_id');

  let base: string;
  try {
    base = new URL(options.checkoutUrl).href;
  } catch {
    return fail(
      'options.checkoutUrl',
      'it is not an absolute URL',
      'Pass the base URL of the checkout service, such as https://checkout.example.com/',
    );
  }
  if (!base.endsWith('/')) base += '/';
  const checkedBase = validateCheckoutBase(base);
  if (!checkedBase.ok) {
    return fail(
      'options.checkoutUrl',
      checkedBase.reason,
      'Pass the https base URL of the checkout service',
    );
  }

  const now = options.now?.() ?? Date.now();
  const iat = Math.floor(now / 1000);
  const claims: SessionClaims = {
    sid: `cs_${environment}_${createUlid(now)}`,
    mode: 'subscription',
    origin: origin.origin,
    plan: planId,
    iat,
    exp: iat + SESSION_LIFETIME_SECONDS,
  };
  if (customerId !== undefined) claims.customer = customerId;
  const secret = await signSessionSecret(claims, await deriveSessionKey(secretKey), environment);

  const session: CheckoutSession = {
    checkout_session_id: claims.sid,
    checkout_session_token: encodeCheckoutToken({ secret, base }),
    checkout_mode: claims.mode,
    origin_url: claims.origin,
    plan_id: planId,
    created_at: new Date(iat * 1000).toISOString(),
    expires_at: new Date(claims.exp * 1000).toISOString(),
  };
  if (customerId !== undefined) session.customer_id = customerId;
  return session;
}
