/** Whole seconds from `now` until `until`, at least 1: the value of a `Retry-After` header. */
export function retryAfterSeconds(now: Date, until: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
