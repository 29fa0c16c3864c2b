import {
  type CheckoutSessionParams,
  deriveSessionKey,
  type MintedCheckoutSession,
  mintCheckoutSession,
  readCheckoutSessionParams,
  secretKeyEnvironment,
  validateCheckoutBase,
} from '@lava-checkout/protocol';

/** What to sell in the checkout. The field names are the Lava REST API's. */
export type CreateCheckoutSessionParams = CheckoutSessionParams;

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
export type CheckoutSession = MintedCheckoutSession;

const fail = (argument: string, why: string, fix: string): never => {
  throw new TypeError(
    `Lava Checkout: createCheckoutSession() ${argument} is invalid: ${why}. ${fix}.`,
  );
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
  const checked = readCheckoutSessionParams(params);
  if (!checked.ok) return fail(checked.param, checked.reason, checked.fix);

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

  const { session } = await mintCheckoutSession(checked.params, {
    signingKey: await deriveSessionKey(secretKey),
    environment,
    base,
    now: options.now?.() ?? Date.now(),
  });
  return session;
}
