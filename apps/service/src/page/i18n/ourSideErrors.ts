/**
 * The error codes that mean something went wrong on our side, which the customer can only
 * retry: each reads as a language's one message for that.
 */
export const ourSideErrors = (message: string) => ({
  invalid_request: message,
  malformed_json: message,
  unsupported_media_type: message,
  body_too_large: message,
  cross_site_request: message,
  not_found: message,
  internal_error: message,
  completion_failed: message,
});
