/** Days after a cycle's first declined renewal charge that it is tried again: three retries. */
export const RENEWAL_RETRY_DAYS = [1, 3, 5] as const;

/**
 * How long after a renewal charge that never reached the card (the processor could not be
 * reached, or the service stopped before confirming it) it is tried again. Not a decline: it
 * counts towards no retry schedule, and the next job run after this charges the cycle.
 */
export const RENEWAL_RESUME_MS = 5 * 60_000;

const DAY_MS = 86_400_000;

/**
 * The idempotency key of a renewal charge: one per subscription, cycle and attempt
 * (`renewal:<subscription>:<cycle start>`, then `…:retry<n>` for the attempts after one that
 * failed, `n` counting every attempt before).
 * The payments table holds each key once and one payment in flight per subscription, so a
 * cycle is charged at most once whatever crashes: a crash leaves its claimed payment for
 * recovery to settle, and nothing claims the cycle again meanwhile.
 */
export function renewalKey(subscriptionId: string, cycleStartAt: string, attempt: number): string {
  const key = `renewal:${subscriptionId}:${cycleStartAt}`;
  return attempt === 0 ? key : `${key}:retry${attempt}`;
}

const PATTERN = /^renewal:([^:]+):(\d{4}-\d{2}-\d{2}T[\d:.]+Z)(?::retry(\d+))?$/;

/** What a renewal key names; `null` when it is not one. */
export function parseRenewalKey(
  key: string,
): { subscriptionId: string; cycleStartAt: string; attempt: number } | null {
  const match = PATTERN.exec(key);
  if (!match) return null;
  const [, subscriptionId = '', cycleStartAt = '', attempt] = match;
  return { subscriptionId, cycleStartAt, attempt: attempt === undefined ? 0 : Number(attempt) };
}

/**
 * When a cycle's renewal falls due after `declines` declined attempts: at the cycle's end
 * before any, each retry `RENEWAL_RETRY_DAYS` after the first decline; `null`: no attempts left.
 */
export function renewalDueAt(
  cycleEndAt: string,
  firstFailedAt: string | null,
  declines: number,
): Date | null {
  if (declines === 0) return new Date(cycleEndAt);
  const days = RENEWAL_RETRY_DAYS[declines - 1];
  if (days === undefined || firstFailedAt === null) return null;
  return new Date(Date.parse(firstFailedAt) + days * DAY_MS);
}
