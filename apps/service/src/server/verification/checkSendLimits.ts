import {
  RESEND_COOL_DOWN_MS,
  RESEND_STREAK_MS,
  SENDS_PER_IP,
  SENDS_PER_PHONE,
  SENDS_PER_PHONE_ACROSS_MERCHANTS,
} from '../checkoutSessions/limits.ts';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { retryAfterSeconds } from './retryAfterSeconds.ts';

const DAY_MS = Math.max(
  SENDS_PER_PHONE_ACROSS_MERCHANTS.windowMs,
  ...SENDS_PER_PHONE.map((limit) => limit.windowMs),
);

/** One query for all: the phone's sends of the day from every merchant, and the address's of the hour. */
const recentSends = prepareQuery(
  (db, param: Param<{ phone: string; ip: string | null; day_ago: string; hour_ago: string }>) =>
    db
      .selectFrom('sms_sends')
      .select(['merchant_id', 'phone', 'ip', 'created_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('phone', '=', param('phone')), eb('created_at', '>', param('day_ago'))]),
          eb.and([eb('ip', '=', param('ip')), eb('created_at', '>', param('hour_ago'))]),
        ]),
      )
      .orderBy('created_at', 'desc'),
);

/** A limit's window, as its message says it: "10 minutes", "an hour", "24 hours". */
const span = (ms: number) => {
  const hours = ms / 3_600_000;
  if (hours === 1) return 'an hour';
  return Number.isInteger(hours) ? `${hours} hours` : `${ms / 60_000} minutes`;
};

/** The cool-down after a streak of `sent` codes: 30 s, then doubling. */
const coolDownAfter = (sent: number) => RESEND_COOL_DOWN_MS * 2 ** Math.max(0, sent - 1);

/** When a window of `limit` allows another send, given its sends newest first; null: now. */
function allowedAfter(
  times: readonly number[],
  limit: { max: number; windowMs: number },
  now: number,
): number | null {
  const inWindow = times.filter((time) => now - time < limit.windowMs);
  const oldest = inWindow[limit.max - 1];
  return inWindow.length >= limit.max && oldest !== undefined ? oldest + limit.windowMs : null;
}

type Refusal = {
  at: number;
  code: 'resend_too_soon' | 'too_many_sends' | 'too_many_sends_from_address';
  message: string;
};

/**
 * Refuses a code to `phone` from `ip` for `merchantId`'s checkout when it would break a limit
 * that holds across sessions: the resend cool-down and the sends per phone per 10 minutes and
 * per day, counted among this merchant's texts (another merchant's traffic does not hold this
 * one back); the ceiling per phone across all merchants; the sends per IP per hour, unless `ip`
 * is `null` (no limit per address applies, see `addressLimitKey`). The answer
 * depends only on past sends, never on whether the phone belongs to a customer. Returns when
 * the next code may be sent, once this one is. Run it inside the transaction that records the
 * send, with the phone and IP locked.
 */
export async function checkSendLimits(
  trx: Db,
  at: Date,
  to: { merchantId: string; phone: string; ip: string | null },
): Promise<{ nextSendAt: Date }> {
  const now = at.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const { rows: sends } = await recentSends(trx, {
    phone: to.phone,
    ip: to.ip,
    day_ago: iso(now - DAY_MS),
    hour_ago: iso(now - SENDS_PER_IP.windowMs),
  });
  const phoneSends = sends.filter((send) => send.phone === to.phone);
  const allTimes = phoneSends.map((send) => Date.parse(send.created_at));
  const times = phoneSends
    .filter((send) => send.merchant_id === to.merchantId)
    .map((send) => Date.parse(send.created_at));
  // A request no limit per address applies to (`ip` null) matches no send: `ip = null` is false.
  const ipSends = sends
    .filter(
      (send) =>
        to.ip !== null && send.ip === to.ip && send.created_at > iso(now - SENDS_PER_IP.windowMs),
    )
    .map((send) => Date.parse(send.created_at));

  // The current streak of this merchant's texts: the latest, each within 10 minutes of the next.
  let streak = 0;
  for (let previous = now; streak < times.length; streak++) {
    const time = times[streak] ?? 0;
    if (previous - time > RESEND_STREAK_MS) break;
    previous = time;
  }

  // The earliest moment each rule allows another send; the latest of them is the answer.
  const refusals: Refusal[] = [];
  const last = times[0];
  if (streak > 0 && last !== undefined) {
    refusals.push({
      at: last + coolDownAfter(streak),
      code: 'resend_too_soon',
      message: 'Wait a moment before asking for another code for this number.',
    });
  }
  for (const limit of SENDS_PER_PHONE) {
    const after = allowedAfter(times, limit, now);
    if (after !== null) {
      refusals.push({
        at: after,
        code: 'too_many_sends',
        message: `Too many codes were sent to this number from this checkout's merchant (${limit.max} in ${span(limit.windowMs)}). Try again later.`,
      });
    }
  }
  const ceiling = allowedAfter(allTimes, SENDS_PER_PHONE_ACROSS_MERCHANTS, now);
  if (ceiling !== null) {
    refusals.push({
      at: ceiling,
      code: 'too_many_sends',
      message: `Too many codes were sent to this number from all merchants (${SENDS_PER_PHONE_ACROSS_MERCHANTS.max} in ${span(SENDS_PER_PHONE_ACROSS_MERCHANTS.windowMs)}). Try again later.`,
    });
  }
  const fromIp = allowedAfter(ipSends, SENDS_PER_IP, now);
  if (fromIp !== null) {
    refusals.push({
      at: fromIp,
      code: 'too_many_sends_from_address',
      message: `Too many codes were asked for from this network (${SENDS_PER_IP.max} in ${span(SENDS_PER_IP.windowMs)}). Try again later.`,
    });
  }

  const blocking = refusals.filter((rule) => rule.at > now).sort((a, b) => b.at - a.at)[0];
  if (blocking) {
    throw new ServiceError(blocking.code, blocking.message, {
      retry_after: retryAfterSeconds(at, new Date(blocking.at)),
    });
  }
  return { nextSendAt: new Date(now + coolDownAfter(streak + 1)) };
}
