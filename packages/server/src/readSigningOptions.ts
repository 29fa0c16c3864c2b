import {
  deriveSessionKey,
  type SessionKey,
  secretKeyEnvironment,
  validateCheckoutBase,
} from '@lava-checkout/protocol';

/** The options every offline minter takes. */
export interface SigningOptions {
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

/** What a minter signs with: the key derived from the secret key, its environment, the base. */
export interface SigningContext {
  signingKey: SessionKey;
  environment: 'test' | 'live';
  /** The checkout service's base URL, checked, ending in `/`. */
  base: string;
  /** Milliseconds. */
  now: number;
}

/** Throws the error every minter throws: `Lava Checkout: <fn>() <argument> is invalid: ...`. */
export const invalidArgument = (fn: string, argument: string, why: string, fix: string): never => {
  throw new TypeError(`Lava Checkout: ${fn}() ${argument} is invalid: ${why}. ${fix}.`);
};

/**
 * Checks a minter's options (the secret key, the checkout service's base URL) and derives the
 * signing key, so checkout and customer sessions are signed the same way. Throws a `TypeError`
 * naming `fn` and the argument at fault.
 */
export async function readSigningOptions(
  fn: string,
  options: SigningOptions,
): Promise<SigningContext> {
  const secretKey = options?.secretKey ?? globalThis.process?.env?.LAVA_SECRET_KEY;
  const environment = secretKeyEnvironment(secretKey);
  if (!environment || typeof secretKey !== 'string') {
    return invalidArgument(
      fn,
      'options.secretKey',
      'it is not a Lava secret key (aks_test_... or aks_live_...)',
      'Set LAVA_SECRET_KEY or pass { secretKey }',
    );
  }
  let base: string;
  try {
    base = new URL(options.checkoutUrl).href;
  } catch {
    return invalidArgument(
      fn,
      'options.checkoutUrl',
      'it is not an absolute URL',
      'Pass the base URL of the checkout service, such as https://checkout.example.com/',
    );
  }
  if (!base.endsWith('/')) base += '/';
  const checkedBase = validateCheckoutBase(base);
  if (!checkedBase.ok) {
    return invalidArgument(
      fn,
      'options.checkoutUrl',
      checkedBase.reason,
      'Pass the https base URL of the checkout service',
    );
  }
  return {
    signingKey: await deriveSessionKey(secretKey),
    environment,
    base,
    now: options.now?.() ?? Date.now(),
  };
}
