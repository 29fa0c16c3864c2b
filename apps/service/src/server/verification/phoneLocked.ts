import { WRONG_CODES_PER_PHONE } from '../checkoutSessions/limits.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { retryAfterSeconds } from './retryAfterSeconds.ts';

/**
 * The refusal for a phone locked at this merchant for wrong codes, whether it asks for a code
 * or gives one: the same whether or not the phone belongs to a customer.
 */
export const phoneLocked = (now: Date, until: string): ServiceError =>
  new ServiceError(
    'phone_locked',
    `Too many wrong codes were tried for this number in this merchant's checkouts (${WRONG_CODES_PER_PHONE.max} in an hour), so it is locked for an hour. Try again later.`,
    { retry_after: retryAfterSeconds(now, new Date(until)) },
  );
