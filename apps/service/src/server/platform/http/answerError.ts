import type { Context, ErrorHandler } from 'hono';
import type { CheckoutErrorBody } from '../../../shared/checkoutContract.ts';
import { ServiceError } from '../ServiceError.ts';
import { ERROR_STATUS } from './errorStatus.ts';

/**
 * A thrown error as the service's JSON error body: a `ServiceError` with its status, code and
 * details (and `Retry-After` when it has one); anything else as a 500 that tells nothing.
 */
export const answerError: ErrorHandler = (error, c) => {
  if (error instanceof ServiceError) {
    const body: { error: Record<string, unknown> } = {
      error: { message: error.message, code: error.code, ...error.details },
    };
    if (error.details.retry_after !== undefined) {
      c.header('Retry-After', String(error.details.retry_after));
    }
    return c.json(body, ERROR_STATUS[error.code]);
  }
  console.error('Lava Checkout: unexpected error', error);
  return c.json(
    {
      error: { message: 'Something went wrong on our side. Try again.', code: 'internal_error' },
    } satisfies CheckoutErrorBody,
    500,
  );
};

/** The 404 of a path no surface serves. */
export const answerNotFound = (c: Context) =>
  c.json({ error: { message: 'Not found.', code: 'not_found' } } satisfies CheckoutErrorBody, 404);
