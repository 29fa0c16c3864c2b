/** Why a provider did not take a text: the number, its rate limit, or anything else. */
export type SmsSendFailure = 'invalid_number' | 'rate_limited' | 'unavailable';

/** What an SMS provider throws when it refused or could not take a message. */
export class SmsSendError extends Error {
  constructor(
    readonly reason: SmsSendFailure,
    message: string,
    /** For `rate_limited`: when the provider takes messages again, in seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}
