import { randomInt } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { createId } from '../createId.ts';
import type { Db } from '../db/Database.ts';
import { ApiError } from '../http/ApiError.ts';
import type { SmsProvider } from '../sms/SmsProvider.ts';
import { hashCode } from './hashCode.ts';
import { CODE_LIFETIME_MS, SENDS_PER_SESSION } from './limits.ts';
import type { OpenedSession } from './openCheckoutSession.ts';

/**
 * Parses the phone number, replaces any earlier code with a new 6-digit one from the CSPRNG,
 * stores its HMAC and texts it. Returns the number as the customer should read it.
 */
export async function sendVerificationCode(
  deps: { db: Db; sms: SmsProvider; otpKey: Buffer; now: () => Date },
  opened: Extract<OpenedSession, { status: 'active' }>,
  rawPhone: string,
): Promise<{ phone: string; expires_at: string }> {
  const { session, merchant } = opened;
  if (session.status !== 'open') {
    throw new ApiError(409, 'phone_already_verified', 'Your phone number is already verified.');
  }
  const parsed = rawPhone.trim().startsWith('+') ? parsePhoneNumberFromString(rawPhone) : undefined;
  if (!parsed?.isValid()) {
    throw new ApiError(
      400,
      'invalid_phone',
      'Enter a valid phone number with its country code, like +1 415 555 0100.',
      { param: 'phone' },
    );
  }
  const phone = parsed.number;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS).toISOString();

  await deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('checkout_sessions')
      .set((eb) => ({ phone, code_sends: eb('code_sends', '+', 1) }))
      .where('id', '=', session.id)
      .where('status', '=', 'open')
      .where('code_sends', '<', SENDS_PER_SESSION)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) {
      throw new ApiError(
        429,
        'too_many_codes',
        `You have asked for ${SENDS_PER_SESSION} codes already. Start the checkout again to get another.`,
      );
    }
    await trx
      .updateTable('verification_codes')
      .set({ closed_at: now.toISOString() })
      .where('session_id', '=', session.id)
      .where('closed_at', 'is', null)
      .execute();
    await trx
      .insertInto('verification_codes')
      .values({
        id: createId('vc', merchant.environment),
        session_id: session.id,
        phone,
        code_hash: hashCode(deps.otpKey, session.id, phone, code),
        attempts: 0,
        expires_at: expiresAt,
        created_at: now.toISOString(),
        closed_at: null,
      })
      .execute();
  });

  try {
    await deps.sms.send({
      to: phone,
      body: `${code} is your ${merchant.name} verification code. It expires in 10 minutes.`,
    });
  } catch {
    throw new ApiError(
      502,
      'sms_failed',
      'We could not send a text to this number. Check it and try again.',
    );
  }
  return { phone: parsed.formatInternational(), expires_at: expiresAt };
}
