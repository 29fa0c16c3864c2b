import type {
  AccountBuyRequest,
  AccountBuyResponse,
  AccountOverview,
} from '../../shared/accountContract.ts';
import type { CheckoutErrorBody } from '../../shared/checkoutContract.ts';
import { CheckoutApiError, type PageErrorCode } from '../createCheckoutApi.ts';

/** The account page's view of its own API; each change answers the account as it is after it. */
export interface AccountApi {
  overview(): Promise<AccountOverview>;
  buy(bundleId: string, request: AccountBuyRequest): Promise<AccountBuyResponse>;
  setAutoTopUp(bundleId: string | null): Promise<AccountOverview>;
  changePlan(planId: string): Promise<AccountOverview>;
  cancelAtCycleEnd(): Promise<AccountOverview>;
  undoPendingChange(): Promise<AccountOverview>;
  replaceCard(paymentMethod: string): Promise<AccountOverview>;
}

/**
 * Calls `/api/account/*` from the page's own origin with the customer session's secret in the
 * Authorization header, so the secret appears in no API URL. Rejects with a CheckoutApiError
 * carrying the service's code, as the checkout's API does.
 */
export function createAccountApi(secret: string, fetchImpl: typeof fetch = fetch): AccountApi {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetchImpl(`/api/account/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${secret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new CheckoutApiError(0, 'network_error', 'The account API could not be reached.');
    }
    const data = (await response.json().catch(() => null)) as T | Partial<CheckoutErrorBody> | null;
    if (!response.ok || !data) {
      const error = (data as Partial<CheckoutErrorBody> | null)?.error;
      throw new CheckoutApiError(
        response.status,
        (error?.code as PageErrorCode | undefined) ?? 'unknown_error',
        error?.message ?? `The account API answered ${response.status}.`,
        { param: error?.param ?? null, retryAfter: error?.retry_after ?? null },
      );
    }
    return data as T;
  };
  return {
    overview: () => call('GET', 'overview'),
    buy: (bundleId, request) =>
      call('POST', `bundles/${encodeURIComponent(bundleId)}/buy`, request),
    setAutoTopUp: (bundleId) => call('PUT', 'auto-top-up', { bundle_id: bundleId }),
    changePlan: (planId) => call('POST', 'plan', { plan_id: planId }),
    cancelAtCycleEnd: () => call('POST', 'cancellation'),
    undoPendingChange: () => call('DELETE', 'pending-change'),
    replaceCard: (paymentMethod) => call('PUT', 'card', { payment_method: paymentMethod }),
  };
}
