import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/Database.ts';
import { ApiError } from '../http/ApiError.ts';
import { findOpenCode } from './findOpenCode.ts';
import { hashCode } from './hashCode.ts';
import { CHECKS_PER_CODE } from './limits.ts';
import type { OpenedSession } from './openCheckoutSession.ts';

/**
 * Checks a code against the session's latest one. Each check is counted atomically before
 * the comparison, so parallel guesses get at most five evaluations; the right code is used
 * once and verifies the phone it was sent to.
 */
export async function verifyCode(
  deps: { db: Db; otpKey: Buffer; now: () => Date },
  opened: Extract<OpenedSession, { status: 'active' }>,
  code: string,
): Promise<{ verified: true }> {
  const { session } = opened;
  if (session.status !== 'open') {
    throw new ApiError(409, 'phone_already_verified', 'Your phone number is already verified.');
  }
  const now = deps.now();
  const latest = await findOpenCode(deps.db, session.id);
  if (!latest) {
    throw new ApiError(409, 'no_code_sent', 'Ask for a code first.');
  }
  if (latest.expires_at <= now.toISOString()) {
    throw new ApiError(410, 'code_expired', 'This code has expired. Send a new code.');
  }
  const counted = await deps.db
    .updateTable('verification_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', latest.id)
    .where('closed_at', 'is', null)
    .where('attempts', '<', CHECKS_PER_CODE)
    .executeTakeFirst();
  if (counted.numUpdatedRows === 0n) {
    throw new ApiError(429, 'code_locked', 'Too many wrong tries for this code. Send a new code.');
  }

  const expected = Buffer.from(latest.code_hash, 'hex');
  const given = Buffer.from(hashCode(deps.otpKey, session.id, latest.phone, code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    const left = CHECKS_PER_CODE - latest.attempts - 1;
    throw new ApiError(
      422,
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
      .set({ status: 'phone_verified', phone: latest.phone })
      .where('id', '=', session.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (verified.numUpdatedRows === 0n) {
      throw new ApiError(409, 'phone_already_verified', 'Your phone number is already verified.');
    }
  });
  return { verified: true };
}
