import type { Db } from '../db/Database.ts';
import { type Param, prepareQuery } from '../db/prepareQuery.ts';
import { CheckoutError } from '../errors/CheckoutError.ts';
import { RESEND_COOL_DOWN_MS, RESEND_STREAK_MS, SENDS_PER_IP, SENDS_PER_PHONE } from './limits.ts';
import { retryAfterSeconds } from './retryAfterSeconds.ts';

const DAY_MS = Math.max(...SENDS_PER_PHONE.map((limit) => limit.windowMs));

/** One query for both: the phone's sends of the day, and the address's of the hour. */
const recentSends = prepareQuery(
  (db, param: Param<{ phone: string; ip: string; day_ago: string; hour_ago: string }>) =>
    db
      .selectFrom('sms_sends')
      .select(['phone', 'ip', 'created_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('phone', '=', param('phone')), eb('created_at', '>', param('day_ago'))]),
          eb.and([eb('ip', '=', param('ip')), eb('created_at', '>', param('hour_ago'))]),
        ]),
      )
      .orderBy('created_at', 'desc'),
);

/** The cool-down after a streak of `sent` codes: 30 s, then doubling. */
const coolDownAfter = (sent: number) => RESEND_COOL_DOWN_MS * 2 ** Math.max(0, sent - 1);

/**
 * Refuses a code to `phone` from `ip` when it would break a limit that holds across sessions:
 * the resend cool-down, sends per phone per 10 minutes and per day, sends per IP per hour.
 * The answer depends only on past sends, never on whether the phone belongs to a customer.
 * Returns when the next code may be sent, once this one is. Run it inside the transaction that
 * records the send, with the phone and IP locked.
 */
export async function checkSendLimits(
  trx: Db,
  at: Date,
  phone: string,
  ip: string,
): Promise<{ nextSendAt: Date }> {
  const now = at.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const { rows: sends } = await recentSends(trx, {
    phone,
    ip,
    day_ago: iso(now - DAY_MS),
    hour_ago: iso(now - SENDS_PER_IP.windowMs),
  });
  const phoneSends = sends.filter((send) => send.phone === phone);
  const ipSends = sends
    .filter((send) => send.ip === ip && send.created_at > iso(now - SENDS_PER_IP.windowMs))
    .reverse();
  const times = phoneSends.map((row) => Date.parse(row.created_at));

  // The current streak: the latest sends, each within 10 minutes of the next.
  let streak = 0;
  for (let previous = now; streak < times.length; streak++) {
    const time = times[streak] ?? 0;
    if (previous - time > RESEND_STREAK_MS) break;
    previous = time;
  }

  // The earliest moment each rule allows another send; the latest of them is the answer.
  const allowedAt: { at: number; message: string; code: 'resend_too_soon' | 'too_many_sends' }[] =
    [];
  const last = times[0];
  if (streak > 0 && last !== undefined) {
    allowedAt.push({
      at: last + coolDownAfter(streak),
      code: 'resend_too_soon',
      message: 'Wait a moment before asking for another code.',
    });
  }
  for (const limit of SENDS_PER_PHONE) {
    const inWindow = times.filter((time) => now - time < limit.windowMs);
    const oldest = inWindow[limit.max - 1];
    if (inWindow.length >= limit.max && oldest !== undefined) {
      allowedAt.push({
        at: oldest + limit.windowMs,
        code: 'too_many_sends',
        message: 'Too many codes were sent to this number. Try again later.',
      });
    }
  }
  if (ipSends.length >= SENDS_PER_IP.max) {
    const oldest = ipSends[ipSends.length - SENDS_PER_IP.max];
    allowedAt.push({
      at: Date.parse(oldest?.created_at ?? iso(now)) + SENDS_PER_IP.windowMs,
      code: 'too_many_sends',
      message: 'Too many codes were asked for from this network. Try again later.',
    });
  }

  const blocking = allowedAt.filter((rule) => rule.at > now).sort((a, b) => b.at - a.at)[0];
  if (blocking) {
    throw new CheckoutError(blocking.code, blocking.message, {
      retry_after: retryAfterSeconds(at, new Date(blocking.at)),
    });
  }
  return { nextSendAt: new Date(now + coolDownAfter(streak + 1)) };
}
