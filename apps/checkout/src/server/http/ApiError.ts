/**
 * An error with its HTTP status and a stable code; the app turns it into
 * `{ "error": { "message", "code", ...details } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 402 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502,
    readonly code: string,
    message: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
