import { fn } from 'storybook/test';
import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { type CheckoutApi, CheckoutApiError, type PageErrorCode } from '../createCheckoutApi.ts';

export const FAKE_SESSION_ID = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
export const FAKE_CUSTOMER_ID = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

type Failure = { status: number; code: PageErrorCode; message: string; param?: string };

/**
 * The page API as the checkout service answers it, without the service: each call resolves
 * with the service's success shape, or fails the way it is told to. `subscribeAnswers` are
 * given first, one per call (say, `requires_action` before the success).
 */
export function createFakeApi(
  failures: Partial<Record<keyof CheckoutApi, Failure>> = {},
  subscribeAnswers: SubscribeResponse[] = [],
) {
  const pending = [...subscribeAnswers];
  const answer = <T>(call: keyof CheckoutApi, value: T) => {
    const failure = failures[call];
    return failure
      ? Promise.reject(
          new CheckoutApiError(
            failure.status,
            failure.code,
            failure.message,
            failure.param ?? null,
          ),
        )
      : Promise.resolve(value);
  };
  return {
    sendCode: fn((phone?: string) =>
      answer('sendCode', {
        phone: phone?.trim() ?? '•••• 0100',
        expires_at: '2026-11-22T12:10:00.000Z',
        resend_at: '2026-11-22T12:00:30.000Z',
      }),
    ),
    verifyCode: fn((_code: string) => answer('verifyCode', { verified: true as const })),
    subscribe: fn((_request: Parameters<CheckoutApi['subscribe']>[0]) =>
      answer<SubscribeResponse>(
        'subscribe',
        pending.shift() ?? {
          status: 'succeeded' as const,
          checkout_session_id: FAKE_SESSION_ID,
          customer_id: FAKE_CUSTOMER_ID,
          subscription_id: 'sub_test_01KK2NQPKARMY7D3HK65C2ZSYK',
        },
      ),
    ),
  } satisfies CheckoutApi;
}
