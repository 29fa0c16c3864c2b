import { ServiceError } from '../platform/ServiceError.ts';
import { AUTO_TOP_UPS_PER_CYCLE } from './AUTO_TOP_UPS_PER_CYCLE.ts';

/** The most a merchant may allow: a cycle's top-ups are charged one after the other. */
export const AUTO_TOP_UPS_PER_CYCLE_MAX = 100;

/**
 * Splits `auto_top_ups_per_cycle` off a `PATCH /v1/merchant` body: how many auto top-ups one
 * subscription may buy in a cycle (0: none; `null`: the default, `AUTO_TOP_UPS_PER_CYCLE`).
 * Returns it (`undefined` when not given) and the rest of the body; throws a 400 naming the
 * field when it is not a whole number from 0 to 100 or null.
 */
export function readAutoTopUpCap(body: unknown): { cap: number | null | undefined; rest: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { cap: undefined, rest: body };
  }
  const { auto_top_ups_per_cycle: cap, ...rest } = body as Record<string, unknown>;
  if (cap === undefined || cap === null) return { cap, rest };
  if (
    typeof cap !== 'number' ||
    !Number.isInteger(cap) ||
    cap < 0 ||
    cap > AUTO_TOP_UPS_PER_CYCLE_MAX
  ) {
    throw new ServiceError(
      'invalid_request',
      `Lava Checkout: auto_top_ups_per_cycle is invalid: it must be a whole number from 0 to ${AUTO_TOP_UPS_PER_CYCLE_MAX} (0 turns auto top-up off for every customer), or null for the default of ${AUTO_TOP_UPS_PER_CYCLE}.`,
      { param: 'auto_top_ups_per_cycle' },
    );
  }
  return { cap, rest };
}
