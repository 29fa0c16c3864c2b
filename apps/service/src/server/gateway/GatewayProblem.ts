import { type Refusal, refusal } from './Refusal.ts';

/**
 * Why the gateway refuses a call, before or instead of the provider answering. Each code has
 * one HTTP status, and the message says what is wrong and how to fix the call.
 */
export const GATEWAY_PROBLEM_STATUS = {
  /** No Lava credential in any of the places a caller may put one. */
  missing_credential: 401,
  /** A credential that is not a secret key or a forward token, or a token that cannot be read. */
  invalid_forward_token: 401,
  /** A secret key (alone or in a token) that no merchant has, or one revoked. */
  invalid_api_key: 401,
  /** The token's customer is not one of the merchant's. */
  unknown_customer: 404,
  /** The token's meter is not one of the merchant's. */
  unknown_meter: 404,
  /** The customer has no active plan with the token's meter on it. */
  meter_not_on_plan: 403,
  /** The customer's credits cannot cover what the call could cost. */
  insufficient_credits: 402,
  /** `x-lava-metadata` is not a JSON object of short strings. */
  invalid_metadata: 400,
  /** A request body above the gateway's limit (`GATEWAY_BODY_LIMIT`). */
  body_too_large: 413,
  /** A `percentage` meter, and a model the price table has no price for. */
  model_not_priced: 400,
  /** A gateway URL without a provider URL, or with one that is not an http(s) URL. */
  invalid_target: 400,
  /** A provider URL the gateway will not call: unknown without the caller's own key, or not public. */
  target_not_allowed: 403,
  /** A known provider for which this service has no key, and the caller sent none. */
  provider_not_configured: 503,
  /** The provider could not be reached. */
  upstream_unreachable: 502,
  /** The provider did not answer in time. */
  upstream_timeout: 504,
} as const;

export type GatewayProblemCode = keyof typeof GATEWAY_PROBLEM_STATUS;

/** A refusal: its code, its HTTP status, and a message for whoever made the call. */
export type GatewayProblem = Refusal<typeof GATEWAY_PROBLEM_STATUS>;

/** What the gateway's readers return: the value, or why there is none. They never throw. */
export type GatewayResult<T> = { ok: true; value: T } | { ok: false; problem: GatewayProblem };

/** A refusal with `code`; `what` and `fix` become `Lava Checkout: <what>. <fix>.` */
export const gatewayProblem = (
  code: GatewayProblemCode,
  what: string,
  fix: string,
): GatewayProblem => refusal(GATEWAY_PROBLEM_STATUS, code, what, fix);

export const refuse = <T>(
  code: GatewayProblemCode,
  what: string,
  fix: string,
): GatewayResult<T> => ({ ok: false, problem: gatewayProblem(code, what, fix) });

/** The service's error body, `{ error: { message, code } }`. */
export const toErrorBody = (problem: GatewayProblem) => ({
  error: { message: problem.message, code: problem.code },
});
