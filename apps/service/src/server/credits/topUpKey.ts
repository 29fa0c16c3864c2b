/**
 * The idempotency key of an auto top-up charge: one per subscription, cycle and top-up of the
 * cycle (`top_up:<subscription>:<cycle start>:<n>`, n from 0). Two claims counting the same top-ups
 * make the same key, and the payments table holds each key once.
 */
export function topUpKey(subscriptionId: string, cycleStartAt: string, n: number): string {
  return `${topUpKeyPrefix(subscriptionId, cycleStartAt)}${n}`;
}

/** What the keys of a subscription's top-ups in one cycle start with. */
export function topUpKeyPrefix(subscriptionId: string, cycleStartAt: string): string {
  return `top_up:${subscriptionId}:${cycleStartAt}:`;
}
