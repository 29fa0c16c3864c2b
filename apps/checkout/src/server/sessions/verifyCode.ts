import { timingSafeEqual } from 'node:crypto';
import type { VerifyCodeResponse } from '../../shared/checkoutContract.ts';
import type { CheckoutServices } from '../CheckoutServices.ts';
import { CheckoutError } from '../errors/CheckoutError.ts';
import { completeIfSubscribed } from './completeIfSubscribed.ts';
import { findOpenCode } from './findOpenCode.ts';
import { hashCode } from './hashCode.ts';
import { CHECKS_PER_CODE } from './limits.ts';
import type { ActiveSession } from './openCheckoutSession.ts';
import { recordWrongCode } from './recordWrongCode.ts';
import { retryAfterSeconds } from './retryAfterSeconds.ts';

type Deps = Pick<CheckoutServices, 'db' | 'dialect' | 'otpKey' | 'now'>;

const lockedError = (now: Date, until: string) =>
  new CheckoutError(
    'phone_locked',
    'Too many wrong codes were tried for this number. Try again in an hour.',
    { retry_after: retryAfterSeconds(now, new Date(until)) },
  );

/**
 * Checks a code against the session's latest one. A phone locked for wrong codes (from any
 * session) is refused before any comparison. Each check is counted atomically before the
 * comparison, so parallel guesses get at most five evaluations; a wrong one also counts
 * against the phone across sessions. The right code is used once and verifies its phone; a
 * customer who already has the plan then completes the checkout at once, without a charge.
 */
export async function verifyCode(
  deps: Deps,
  opened: ActiveSession,
  code: string,
): Promise<VerifyCodeResponse> {
  const { session } = opened;
  if (session.status !== 'open') {
    throw new CheckoutError('phone_already_verified', 'Your phone number is already verified.');
  }
  const now = deps.now();
  const latest = await findOpenCode(deps.db, session.id);
  if (!latest) {
    throw new CheckoutError('no_code_sent', 'Ask for a code first.');
  }
  if (latest.expires_at <= now.toISOString()) {
    throw new CheckoutError('code_expired', 'This code has expired. Send a new code.');
  }
  const lock = await deps.db
    .selectFrom('phone_locks')
    .select('locked_until')
    .where('phone', '=', latest.phone)
    .where('locked_until', '>', now.toISOString())
    .executeTakeFirst();
  if (lock) throw lockedError(now, lock.locked_until);

  const counted = await deps.db
    .updateTable('verification_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', latest.id)
    .where('closed_at', 'is', null)
    .where('attempts', '<', CHECKS_PER_CODE)
    .executeTakeFirst();
  if (counted.numUpdatedRows === 0n) {
    throw new CheckoutError('code_locked', 'Too many wrong tries for this code. Send a new code.');
  }

  const expected = Buffer.from(latest.code_hash, 'hex');
  const given = Buffer.from(hashCode(deps.otpKey, session.id, latest.phone, code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    const lockedUntil = await recordWrongCode(deps, latest.phone, now);
    if (lockedUntil) throw lockedError(now, lockedUntil);
    const left = CHECKS_PER_CODE - latest.attempts - 1;
    throw new CheckoutError(
      'wrong_code',
      left > 0
        ? `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`
        : 'That code is not right. Send a new code.',
      { attempts_left: Math.max(left, 0) },
    );
  }

  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('verification_codes')
      .set({ closed_at: now.toISOString() })
      .where('id', '=', latest.id)
      .execute();
    const verified = await trx
      .updateTable('checkout_sessions')
      .set({ status: 'phone_verified', phone: latest.phone, updated_at: now.toISOString() })
      .where('id', '=', session.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (verified.numUpdatedRows === 0n) {
      throw new CheckoutError('phone_already_verified', 'Your phone number is already verified.');
    }
  });
  // A customer who already has the plan is done: no card form, no charge.
  const subscribed = await completeIfSubscribed(
    deps.db,
    { ...opened, session: { ...session, status: 'phone_verified', phone: latest.phone } },
    latest.phone,
    now,
  );
  return subscribed ? { verified: true, already_subscribed: subscribed } : { verified: true };
}
