import {
  type CheckoutSessionParams,
  type CustomerSessionParams,
  type MintedCheckoutSession,
  type MintedCustomerSession,
  secretKeyEnvironment,
} from '@lava-checkout/protocol';
import { createCheckoutSession } from './createCheckoutSession.ts';
import { createCustomerSession } from './createCustomerSession.ts';
import { createLavaRequest, type LavaRequest } from './LavaRequest.ts';
import { creditBundlesResource } from './resources/creditBundles.ts';
import { customersResource } from './resources/customers.ts';
import { metersResource } from './resources/meters.ts';
import { subscriptionsResource } from './resources/subscriptions.ts';
import { requestsResource, usageResource } from './resources/usage.ts';
import { webhooksResource } from './resources/webhooks.ts';

export interface LavaConfig {
  /**
   * The REST API of your checkout service, ending in `/v1/`, e.g.
   * `https://checkout.example.com/v1/` (a missing final `/` is added).
   * @default process.env.LAVA_BASE_URL
   */
  baseUrl?: string;
  /**
   * The checkout service's base URL, which tokens carry to the browser.
   * @default the baseUrl without its `v1/`
   */
  checkoutUrl?: string;
  /**
   * The fetch to call the API with; for tests and custom agents.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
}

const invalid = (argument: string, why: string, fix: string) =>
  new TypeError(`Lava Checkout: new Lava() ${argument} is invalid: ${why}. ${fix}.`);

/**
 * The Lava API client: the resources and method names of the published `@lavapayments/nodejs`
 * SDK, against your own checkout service. `checkoutSessions.create` and `customerSessions.create`
 * mint locally, with no network call; `webhooks.verify` checks a delivery's signature.
 *
 * @example
 * const lava = new Lava(process.env.LAVA_SECRET_KEY, { baseUrl: 'http://127.0.0.1:4001/v1/' });
 * const meter = await lava.meters.create({ name: 'AI Chat Tokens', rate_type: 'fixed',
 *   tier_type: 'tokens_1m', tiers: [{ start: '0', rate: '3.00' }] });
 */
export class Lava {
  readonly checkoutSessions: {
    /** Mints a 60-minute checkout session locally (no network call). */
    create(params: CheckoutSessionParams): Promise<MintedCheckoutSession>;
  };
  readonly customerSessions: {
    /**
     * Mints a 60-minute customer session locally (no network call): its token lets pages of
     * `origin_url` read that customer's balance and account.
     */
    create(params: CustomerSessionParams): Promise<MintedCustomerSession>;
  };
  readonly customers: ReturnType<typeof customersResource>;
  readonly requests: ReturnType<typeof requestsResource>;
  readonly usage: ReturnType<typeof usageResource>;
  readonly subscriptions: ReturnType<typeof subscriptionsResource>;
  readonly meters: ReturnType<typeof metersResource>;
  readonly creditBundles: ReturnType<typeof creditBundlesResource>;
  readonly webhooks: ReturnType<typeof webhooksResource>;
  /** Calls any path of the API: `lava.request('GET', 'meters')`. */
  readonly request: LavaRequest;

  /**
   * @param secretKey Your secret key (`aks_test_...` or `aks_live_...`). Server-side only.
   * @default process.env.LAVA_SECRET_KEY
   */
  constructor(secretKey?: string, config: LavaConfig = {}) {
    const env = globalThis.process?.env;
    const key = secretKey || env?.LAVA_SECRET_KEY;
    if (!secretKeyEnvironment(key) || key === undefined) {
      throw invalid(
        'secretKey',
        'it is not a Lava secret key (aks_test_... or aks_live_...)',
        'Pass your secret key, or set LAVA_SECRET_KEY',
      );
    }
    const rawBase = config.baseUrl || env?.LAVA_BASE_URL;
    if (!rawBase) {
      throw invalid(
        'baseUrl',
        'it is missing',
        "Pass { baseUrl } with your checkout service's API, such as http://127.0.0.1:4001/v1/, or set LAVA_BASE_URL",
      );
    }
    let baseUrl: URL;
    try {
      baseUrl = new URL(rawBase.endsWith('/') ? rawBase : `${rawBase}/`);
    } catch {
      throw invalid(
        'baseUrl',
        'it is not an absolute URL',
        'Pass a URL such as http://127.0.0.1:4001/v1/',
      );
    }
    const checkoutUrl = config.checkoutUrl ?? new URL('../', baseUrl).href;
    const request = createLavaRequest(key, baseUrl.href, config.fetch ?? globalThis.fetch);
    this.request = request;
    this.checkoutSessions = {
      create: (params) => createCheckoutSession(params, { secretKey: key, checkoutUrl }),
    };
    this.customerSessions = {
      create: (params) => createCustomerSession(params, { secretKey: key, checkoutUrl }),
    };
    this.customers = customersResource(request);
    this.requests = requestsResource(request);
    this.usage = usageResource(request);
    this.subscriptions = subscriptionsResource(request);
    this.meters = metersResource(request);
    this.creditBundles = creditBundlesResource(request);
    this.webhooks = webhooksResource(request);
  }
}
