import type {
  BuyBundleRequest,
  BuyBundleResponse,
  CheckoutErrorBody,
  CheckoutErrorCode,
  SendCodeResponse,
  SubscribeRequest,
  SubscribeResponse,
  VerifyCodeResponse,
} from '../shared/checkoutContract.ts';

/** Codes the page itself gives: the API could not answer, or the card form could not act. */
export type PageErrorCode =
  | CheckoutErrorCode
  | 'network_error'
  | 'unknown_error'
  | 'authentication_unsupported'
  | 'card_form_loading'
  | 'card_form_unavailable'
  /** The page's own code did not load: the step the server rendered cannot be used. */
  | 'page_unavailable';

/** What else an error says: the field at fault, tries left, seconds to wait. */
export interface CheckoutApiErrorDetails {
  param?: string | null;
  attemptsLeft?: number | null;
  retryAfter?: number | null;
}

/**
 * An error of the checkout API, or of the page's own steps. The customer reads the page's own
 * words for its `code`; `message` is the service's, for developers (the console), and never
 * shown to the customer.
 */
export class CheckoutApiError extends Error {
  /** The request field at fault, when the service named one. */
  readonly param: string | null;
  readonly attemptsLeft: number | null;
  /** Seconds until trying again may work. */
  readonly retryAfter: number | null;
  constructor(
    readonly status: number,
    readonly code: PageErrorCode,
    message: string,
    details: CheckoutApiErrorDetails = {},
  ) {
    super(message);
    this.name = 'CheckoutApiError';
    this.param = details.param ?? null;
    this.attemptsLeft = details.attemptsLeft ?? null;
    this.retryAfter = details.retryAfter ?? null;
  }
}

/** The page's view of its own API. */
export interface CheckoutApi {
  /** Texts a code to `phone`, or to a returning customer's phone on file when it is absent. */
  sendCode(phone?: string): Promise<SendCodeResponse>;
  verifyCode(code: string): Promise<VerifyCodeResponse>;
  subscribe(request: SubscribeRequest): Promise<SubscribeResponse>;
  /** Buys a credit bundle session's bundle. */
  buy(request: BuyBundleRequest): Promise<BuyBundleResponse>;
}

/**
 * Calls `/api/checkout/*` with the session secret in the Authorization header, so the secret
 * appears in no API URL. Rejects with a CheckoutApiError carrying the server's message.
 */
export function createCheckoutApi(secret: string, fetchImpl: typeof fetch = fetch): CheckoutApi {
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetchImpl(`/api/checkout/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify(body),
      });
    } catch {
      throw new CheckoutApiError(
        0,
        'network_error',
        'We could not reach the checkout. Check your connection and try again.',
      );
    }
    const data = (await response.json().catch(() => null)) as T | Partial<CheckoutErrorBody> | null;
    if (!response.ok || !data) {
      const error = (data as Partial<CheckoutErrorBody> | null)?.error;
      throw new CheckoutApiError(
        response.status,
        error?.code ?? 'unknown_error',
        error?.message ?? `The checkout API answered ${response.status}.`,
        {
          param: error?.param ?? null,
          attemptsLeft: error?.attempts_left ?? null,
          retryAfter: error?.retry_after ?? null,
        },
      );
    }
    return data as T;
  };
  return {
    sendCode: (phone) => call('phone', phone === undefined ? {} : { phone }),
    verifyCode: (code) => call('code', { code }),
    subscribe: (request) => call('subscribe', request),
    buy: (request) => call('buy', request),
  };
}
