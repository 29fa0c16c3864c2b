import { fn } from 'storybook/test';
import type {
  CardOnFile,
  SubscribeResponse,
  VerifyCodeResponse,
} from '../../shared/checkoutContract.ts';
import { type CheckoutApi, CheckoutApiError, type PageErrorCode } from '../createCheckoutApi.ts';

export const FAKE_SESSION_ID = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
export const FAKE_CUSTOMER_ID = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

/** A refusal as the service answers it (the message is the service's, for developers). */
export type FakeFailure = {
  status: number;
  code: PageErrorCode;
  message?: string;
  param?: string;
  attemptsLeft?: number;
  retryAfter?: number;
};

export interface FakeApiOptions {
  /** Calls that fail, and how. */
  failures?: Partial<Record<keyof CheckoutApi, FakeFailure>>;
  /** Answers of `subscribe` and `buy`, one per call, before the success (say, `requires_action`). */
  paymentAnswers?: SubscribeResponse[];
  /** What verifying the code says beyond `verified` (already subscribed, a card on file). */
  verified?: Omit<VerifyCodeResponse, 'verified'>;
  /** Calls that never answer, as while the service is at work. */
  hanging?: (keyof CheckoutApi)[];
  /** Seconds until another code may be asked for, as each sent code says. @default 30 */
  resendAfter?: number;
}

export const FAKE_CARD_ON_FILE: CardOnFile = {
  brand: 'visa',
  last4: '4242',
  exp_month: 12,
  exp_year: 2034,
};

const SUCCEEDED = {
  status: 'succeeded',
  checkout_session_id: FAKE_SESSION_ID,
  customer_id: FAKE_CUSTOMER_ID,
  subscription_id: 'sub_test_01KK2NQPKARMY7D3HK65C2ZSYK',
} as const satisfies SubscribeResponse;

/**
 * The page API as the checkout service answers it, without the service: each call resolves
 * with the service's success shape, fails the way it is told to, or never answers.
 */
export function createFakeApi(options: FakeApiOptions = {}) {
  const pending = [...(options.paymentAnswers ?? [])];
  const resendAfter = options.resendAfter ?? 30;
  const answer = <T>(call: keyof CheckoutApi, value: () => T): Promise<T> => {
    if (options.hanging?.includes(call)) return new Promise<T>(() => {});
    const failure = options.failures?.[call];
    return failure
      ? Promise.reject(
          new CheckoutApiError(
            failure.status,
            failure.code,
            failure.message ?? `The service refused with ${failure.code}.`,
            {
              param: failure.param ?? null,
              attemptsLeft: failure.attemptsLeft ?? null,
              retryAfter: failure.retryAfter ?? null,
            },
          ),
        )
      : Promise.resolve(value());
  };
  const payment = (call: 'subscribe' | 'buy') =>
    answer<SubscribeResponse>(call, () => pending.shift() ?? SUCCEEDED);
  return {
    sendCode: fn((phone?: string) =>
      answer('sendCode', () => ({
        phone: phone ?? '•••• 0100',
        expires_at: '2026-11-22T12:10:00.000Z',
        resend_at: new Date(
          Date.parse('2026-11-22T12:00:00.000Z') + resendAfter * 1000,
        ).toISOString(),
        resend_after: resendAfter,
      })),
    ),
    verifyCode: fn((_code: string) =>
      answer('verifyCode', () => ({ verified: true as const, ...options.verified })),
    ),
    subscribe: fn((_request: Parameters<CheckoutApi['subscribe']>[0]) => payment('subscribe')),
    buy: fn((_request: Parameters<CheckoutApi['buy']>[0]) => payment('buy')),
  } satisfies CheckoutApi;
}
