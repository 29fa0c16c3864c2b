import type { SubscribeResult } from '../server/sessions/subscribe.ts';

/** An error the checkout API answered with; `message` is written for the customer. */
export class CheckoutApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CheckoutApiError';
  }
}

export interface CardFields {
  card_number: string;
  expiry: string;
  cvc: string;
}

/** The page's view of its own API. */
export interface CheckoutApi {
  sendCode(phone: string): Promise<{ phone: string; expires_at: string }>;
  verifyCode(code: string): Promise<{ verified: true }>;
  subscribe(card: CardFields): Promise<SubscribeResult>;
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
    const data = (await response.json().catch(() => null)) as
      | (T & { error?: undefined })
      | { error?: { code?: string; message?: string } }
      | null;
    if (!response.ok || !data) {
      const error = data?.error;
      throw new CheckoutApiError(
        response.status,
        error?.code ?? 'unknown_error',
        error?.message ?? 'Something went wrong. Try again.',
      );
    }
    return data as T;
  };
  return {
    sendCode: (phone) => call('phone', { phone }),
    verifyCode: (code) => call('code', { code }),
    subscribe: (card) => call('subscribe', card),
  };
}
