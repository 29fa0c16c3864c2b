import { RELAY_LIMITS } from './relayResponse.ts';

/**
 * How long a gateway call's reservation may stay open before recovery settles it at its
 * estimate: the relay's drain bound after a client leaves (2 minutes) plus 8 minutes for the
 * provider to answer. A call still in flight after 10 minutes is billed at its estimate.
 */
export const RESERVATION_BOUND_MS = RELAY_LIMITS.drainMs + 8 * 60_000;
