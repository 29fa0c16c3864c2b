import { randomInt } from 'node:crypto';
import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { SendCodeResponse } from '../../shared/checkoutContract.ts';
import { CODE_LIFETIME_MS, SENDS_PER_SESSION } from '../checkoutSessions/limits.ts';
import { recordSession } from '../checkoutSessions/recordSession.ts';
import { idleCutoff, throwIfEnded } from '../checkoutSessions/sessionEnding.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { findReturningCustomer } from '../customers/findReturningCustomer.ts';
import { createId } from '../platform/createId.ts';
import type { Tables } from '../platform/db/Database.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { checkSendLimits } from './checkSendLimits.ts';
import { hashCode } from './hashCode.ts';
import { parseTextablePhone } from './parseTextablePhone.ts';
import { SmsSendError } from './sms/SmsSendError.ts';
import { smsCountriesOf } from './smsCountriesOf.ts';
import { throwIfPhoneLocked } from './throwIfPhoneLocked.ts';

/** Number types that cannot take a text, or cost the sender a premium: never texted. */
const NOT_TEXTABLE = new Set([
  'PREMIUM_RATE',
  'SHARED_COST',
  'VOIP',
  'PAGER',
  'UAN',
  'VOICEMAIL',
  'TOLL_FREE',
]);

/**
 * A new code on an open session with sends left that has not sat idle, to a phone its merchant
 * has not locked for wrong codes.
 */
const claimCode = prepareQuery(
  (
    db,
    param: Param<{
      id: string;
      merchant_id: string;
      phone: string;
      code_hash: string;
      code_expires_at: string;
      at: string;
      idle_cutoff: string;
    }>,
  ) =>
    db
      .updateTable('checkout_sessions')
      .set((eb) => ({
        phone: param('phone'),
        code_hash: param('code_hash'),
        code_expires_at: param('code_expires_at'),
        code_sent_at: param('at'),
        code_attempts: 0,
        code_sends: eb('code_sends', '+', 1),
        updated_at: param('at'),
      }))
      .where('id', '=', param('id'))
      .where('status', '=', 'open')
      .where('code_sends', '<', SENDS_PER_SESSION)
      .where((eb) => eb.fn.coalesce('updated_at', 'created_at'), '>=', param('idle_cutoff'))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('phone_locks')
              .select('phone_locks.phone')
              .where('phone_locks.merchant_id', '=', param('merchant_id'))
              .where('phone_locks.phone', '=', param('phone'))
              .where('phone_locks.locked_until', '>', param('at')),
          ),
        ),
      ),
);
const insertSend = prepareQuery((db, param: Param<Tables['sms_sends']>) =>
  db.insertInto('sms_sends').values({
    id: param('id'),
    session_id: param('session_id'),
    merchant_id: param('merchant_id'),
    phone: param('phone'),
    ip: param('ip'),
    created_at: param('created_at'),
  }),
);

type Deps = Pick<
  Services,
  'db' | 'dialect' | 'sms' | 'otpKey' | 'now' | 'publicUrl' | 'smsCountries'
>;

/**
 * Parses the phone number (a returning customer's is the one on file), checks it may be
 * texted and that no limit across sessions is reached, puts a new 6-digit code from the CSPRNG
 * on the session (its HMAC only; the last code stops working), and texts it. Every refusal is
 * the same whether or not the phone belongs to a customer.
 */
export async function sendVerificationCode(
  deps: Deps,
  checkout: CheckoutContext,
  typedPhone: string | undefined,
  ip: string | null,
): Promise<SendCodeResponse> {
  const { claims, merchant } = checkout;
  const returning = claims.customer
    ? await findReturningCustomer(deps.db, merchant.id, claims.customer)
    : null;
  if (returning && typedPhone !== undefined) {
    throw new ServiceError(
      'invalid_request',
      'phone: this checkout texts the phone on file; send no phone.',
      { param: 'phone' },
    );
  }
  const rawPhone = returning?.phone ?? typedPhone;
  const parsed = parseTextablePhone(
    rawPhone,
    smsCountriesOf(merchant, deps.smsCountries),
    'This checkout cannot text numbers in that country. Use a number from another country.',
  );
  const type = parsed.getType();
  if (type && NOT_TEXTABLE.has(type)) {
    throw new ServiceError(
      'phone_not_textable',
      'We cannot text this kind of number. Use a mobile number.',
      { param: 'phone' },
    );
  }
  const phone = parsed.number;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = deps.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS).toISOString();

  const send = () =>
    deps.db.transaction().execute(async (trx) => {
      await lockSubjects(trx, deps.dialect, [`phone:${phone}`, ...(ip ? [`ip:${ip}`] : [])]);
      const claimed = await claimCode(trx, {
        id: claims.sid,
        merchant_id: merchant.id,
        phone,
        code_hash: hashCode(deps.otpKey, claims.sid, phone, code),
        code_expires_at: expiresAt,
        at,
        idle_cutoff: idleCutoff(now),
      });
      if (claimed.numAffectedRows === 0n) {
        const session = await trx
          .selectFrom('checkout_sessions')
          .selectAll()
          .where('id', '=', claims.sid)
          .executeTakeFirst();
        if (!session) return null;
        throwIfEnded(session, now);
        if (session.status !== 'open') {
          throw new ServiceError(
            'phone_already_verified',
            'Your phone number is already verified.',
          );
        }
        if (session.code_sends < SENDS_PER_SESSION) {
          // No text goes to a phone that guessed wrong too often: it could not use the code.
          await throwIfPhoneLocked(trx, merchant.id, phone, now);
        }
        throw new ServiceError(
          'too_many_codes',
          `You have asked for ${SENDS_PER_SESSION} codes already. Start the checkout again to get another.`,
        );
      }
      // After the session's own refusals, so an ended session says so; a refusal here rolls
      // the session's change back.
      const limits = await checkSendLimits(trx, now, { merchantId: merchant.id, phone, ip });
      await insertSend(trx, {
        id: createId(ID_PREFIXES.smsCode, merchant.environment),
        session_id: claims.sid,
        merchant_id: merchant.id,
        phone,
        ip,
        created_at: at,
      });
      return limits;
    });
  // A session the page never opened is recorded now, then takes the code.
  let sent = await send();
  if (!sent) {
    await recordSession(deps.db, claims, { merchantId: merchant.id, kid: checkout.kid }, now);
    sent = await send();
  }
  if (!sent) throw new ServiceError('session_invalid', 'This checkout link is not valid.');
  const { nextSendAt } = sent;

  // The last line lets the browser offer the code (WebOTP) inside the merchant's page: the
  // top-level site, the code, then the checkout's own site.
  const topHost = new URL(claims.origin).hostname;
  const checkoutHost = new URL(deps.publicUrl).hostname;
  try {
    await deps.sms.send({
      to: phone,
      body: `${code} is your ${merchant.name} verification code. It expires in 10 minutes.\n\n@${topHost} #${code} @${checkoutHost}`,
    });
  } catch (error) {
    // A code that never arrived must not be waiting for the customer when they reload. The send
    // still counts towards the limits: a number that fails costs as much as one that works.
    await deps.db
      .updateTable('checkout_sessions')
      .set({ code_hash: null, code_expires_at: null })
      .where('id', '=', claims.sid)
      .where('code_sent_at', '=', at)
      .execute();
    throw smsFailure(error);
  }
  return {
    // A returning customer's number stays on file: the page shows its last digits only.
    phone: returning ? `•••• ${phone.slice(-4)}` : parsed.formatInternational(),
    expires_at: expiresAt,
    resend_at: nextSendAt.toISOString(),
    resend_after: Math.ceil(Math.max(0, nextSendAt.getTime() - now.getTime()) / 1000),
  };
}

/** What the customer is told when the SMS provider did not take the text. */
function smsFailure(error: unknown): ServiceError {
  const reason = error instanceof SmsSendError ? error.reason : 'unavailable';
  switch (reason) {
    case 'invalid_number':
      return new ServiceError(
        'invalid_phone',
        'We cannot text this number. Check it, or use another mobile number.',
        { param: 'phone' },
      );
    case 'rate_limited':
      return new ServiceError(
        'sms_failed',
        'We could not send a text just now. Try again in a minute.',
        {
          retry_after: (error instanceof SmsSendError ? error.retryAfterSeconds : null) ?? 60,
        },
      );
    case 'unavailable':
      return new ServiceError(
        'sms_failed',
        'We could not send a text to this number. Check it and try again.',
      );
    default:
      return reason satisfies never;
  }
}
