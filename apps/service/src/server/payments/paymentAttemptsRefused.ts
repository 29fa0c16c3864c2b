import { ServiceError } from '../platform/ServiceError.ts';

/**
 * The refusal for a phone, or an address, that used up its payment attempts of the hour: its
 * code says which, so the customer reads whose limit it is.
 */
export function paymentAttemptsRefused(
  subject: 'phone' | 'ip',
  limit: { max: number },
  retryAfter: number,
): ServiceError {
  return subject === 'phone'
    ? new ServiceError(
        'too_many_payment_attempts',
        `Too many payment attempts for this number (${limit.max} an hour). Try again later.`,
        { retry_after: retryAfter },
      )
    : new ServiceError(
        'too_many_payment_attempts_from_address',
        `Too many payment attempts from this network (${limit.max} an hour). Try again later.`,
        { retry_after: retryAfter },
      );
}
