import { randomInt } from 'node:crypto';
import { CODE_LIFETIME_MS, SENDS_PER_SESSION } from '../checkoutSessions/limits.ts';
import { createId } from '../platform/createId.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { checkSendLimits } from '../verification/checkSendLimits.ts';
import { hashCode } from '../verification/hashCode.ts';
import { parseTextablePhone } from '../verification/parseTextablePhone.ts';
import { smsCountriesOf } from '../verification/smsCountriesOf.ts';
import { throwIfPhoneLocked } from '../verification/throwIfPhoneLocked.ts';
import { findSignIn } from './findSignIn.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'otpKey' | 'now' | 'sms' | 'smsCountries'>;

/**
 * Texts a customer signing in a code, under the checkout's limits: the merchant's countries,
 * codes per sign-in as per session, and the limits per phone, per merchant and per IP address
 * that checkouts count (a sign-in's texts count with theirs), and the merchant's lock on a
 * phone that guessed wrong too often.
 */
export async function sendSignInCode(
  deps: Deps,
  signInId: string,
  typedPhone: string,
  ip: string | null,
): Promise<{ expires_at: string }> {
  const now = deps.now();
  const signIn = await findSignIn(deps.db, signInId, now);
  if (signIn.merchant_id === null) {
    throw new ServiceError(
      'invalid_request',
      'This sign-in is for a merchant: sign in with your secret key, or ask your agent to run login with the merchant_id of the service you buy from.',
    );
  }
  const merchant = await deps.db
    .selectFrom('merchants')
    .selectAll()
    .where('id', '=', signIn.merchant_id)
    .executeTakeFirstOrThrow();
  const phone = parseTextablePhone(
    typedPhone,
    smsCountriesOf(merchant, deps.smsCountries),
    'We cannot text numbers in that country. Use a number from another country.',
  ).number;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockSubjects(trx, deps.dialect, [`phone:${phone}`, ...(ip ? [`ip:${ip}`] : [])]);
    await throwIfPhoneLocked(trx, merchant.id, phone, now);
    const claimed = await trx
      .updateTable('sign_ins')
      .set((eb) => ({
        phone,
        code_hash: hashCode(deps.otpKey, signIn.id, phone, code),
        code_expires_at: expiresAt,
        code_attempts: 0,
        code_sends: eb('code_sends', '+', 1),
      }))
      .where('id', '=', signIn.id)
      .where('status', '=', 'pending')
      .where('code_sends', '<', SENDS_PER_SESSION)
      .executeTakeFirst();
    if ((claimed.numUpdatedRows ?? 0n) === 0n) {
      throw new ServiceError(
        'too_many_codes',
        `You have asked for ${SENDS_PER_SESSION} codes already. Ask your agent to run login again.`,
      );
    }
    await checkSendLimits(trx, now, { merchantId: merchant.id, phone, ip });
    await trx
      .insertInto('sms_sends')
      .values({
        id: createId('sms', merchant.environment),
        session_id: signIn.id,
        merchant_id: merchant.id,
        phone,
        ip,
        created_at: at,
      })
      .execute();
  });
  await deps.sms.send({
    to: phone,
    body: `${code} is your ${merchant.name} sign-in code. It expires in 10 minutes.`,
  });
  return { expires_at: expiresAt };
}
