/** What the Lava API answered when it refused a call. */
export class LavaApiError extends Error {
  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The error code, such as `not_found` or `invalid_request`. */
    readonly code: string,
    message: string,
    /** The request field at fault, when one is. */
    readonly param?: string,
  ) {
    super(message);
    this.name = 'LavaApiError';
  }
}
