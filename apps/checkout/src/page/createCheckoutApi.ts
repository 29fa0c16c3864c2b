import type {
  CheckoutErrorBody,
  CheckoutErrorCode,
  SendCodeResponse,
  SubscribeRequest,
  SubscribeResponse,
  VerifyCodeResponse,
} from '../shared/checkoutContract.ts';

/** Codes the page itself gives when the API could not answer. */
export type PageErrorCode = CheckoutErrorCode | 'network_error' | 'unknown_error';

/** An error the checkout API answered with; `message` is written for the customer. */
export class CheckoutApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: PageErrorCode,
    message: string,
    /** The request field at fault, when the service named one. */
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'CheckoutApiError';
  }
}

/** The page's view of its own API. */
export interface CheckoutApi {
  /** Texts a code to `phone`, or to a returning customer's phone on file when it is absent. */
  sendCode(phone?: string): Promise<SendCodeResponse>;
  verifyCode(code: string): Promise<VerifyCodeResponse>;
  subscribe(request: SubscribeRequest): Promise<SubscribeResponse>;
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
        error?.message ?? 'Something went wrong. Try again.',
        error?.param ?? null,
      );
    }
    return data as T;
  };
  return {
    sendCode: (phone) => call('phone', phone === undefined ? {} : { phone }),
    verifyCode: (code) => call('code', { code }),
    subscribe: (request) => call('subscribe', request),
  };
}
