/**
 * How much one call of the usage endpoints may read (the README lists them). The embedded
 * database answers on the event loop, so reading happens in slices, with other requests served
 * between them: a slice is a few milliseconds of work.
 */

/** `GET /v1/usage`: at most this many days from `start` to `end`. */
export const USAGE_MAX_DAYS = 366;
/** `GET /v1/usage`: at most this many requests of the merchant (or customer) in the range. */
export const USAGE_MAX_REQUESTS = 1_000_000;
/** `GET /v1/requests` with `meter_id` or `metadata_filters`: requests read for one page. */
export const LIST_MAX_SCANNED = 10_000;
/** Requests one slice reads without metadata filters; each filter pair divides it further. */
export const SLICE_REQUESTS = 2_000;
/** `metadata_filters`: at most this many pairs. */
export const MAX_METADATA_FILTERS = 20;
