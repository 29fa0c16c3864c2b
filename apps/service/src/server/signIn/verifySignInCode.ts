import { timingSafeEqual } from 'node:crypto';
import { CHECKS_PER_CODE } from '../checkoutSessions/limits.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { hashCode } from '../verification/hashCode.ts';
import { phoneLocked } from '../verification/phoneLocked.ts';
import { recordWrongCode } from '../verification/recordWrongCode.ts';
import { throwIfPhoneLocked } from '../verification/throwIfPhoneLocked.ts';
import { wrongCode } from '../verification/wrongCode.ts';
import { completeSignIn } from './completeSignIn.ts';
import { findSignIn } from './findSignIn.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'otpKey' | 'now'>;

/**
 * Checks a customer's code as a checkout does (five checks a code, each counted in the write
 * that records it; wrong codes count against the phone at the merchant and lock it), then signs
 * the customer in: the merchant's customer with that phone and an active plan, billed through
 * the first meter of that plan.
 */
export async function verifySignInCode(deps: Deps, signInId: string, code: string): Promise<void> {
  const now = deps.now();
  const signIn = await findSignIn(deps.db, signInId, now);
  if (!signIn.code_hash || !signIn.phone || !signIn.code_expires_at || !signIn.merchant_id) {
    throw new ServiceError('no_code_sent', 'Ask for a code first.');
  }
  if (signIn.code_expires_at <= now.toISOString()) {
    throw new ServiceError('code_expired', 'This code has expired. Send a new code.');
  }
  const merchantId = signIn.merchant_id;
  const phone = signIn.phone;
  await throwIfPhoneLocked(deps.db, merchantId, phone, now);
  const checked = await deps.db
    .updateTable('sign_ins')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('id', '=', signIn.id)
    .where('code_hash', '=', signIn.code_hash)
    .where('code_attempts', '<', CHECKS_PER_CODE)
    .returning('code_attempts')
    .executeTakeFirst();
  if (!checked) {
    throw new ServiceError('code_locked', 'Too many wrong tries for this code. Send a new code.');
  }
  const right = timingSafeEqual(
    Buffer.from(signIn.code_hash, 'hex'),
    Buffer.from(hashCode(deps.otpKey, signIn.id, phone, code), 'hex'),
  );
  if (!right) {
    const lockedUntil = await recordWrongCode(deps, merchantId, phone, now);
    if (lockedUntil) throw phoneLocked(now, lockedUntil);
    throw wrongCode(CHECKS_PER_CODE - checked.code_attempts);
  }
  const plan = await deps.db
    .selectFrom('customers')
    .innerJoin('subscriptions', 'subscriptions.customer_id', 'customers.id')
    .innerJoin('plan_meters', 'plan_meters.plan_id', 'subscriptions.plan_id')
    .select(['customers.id as customer_id', 'plan_meters.meter_id'])
    .where('customers.merchant_id', '=', merchantId)
    .where('customers.phone', '=', phone)
    .where('customers.deleted_at', 'is', null)
    .where('subscriptions.status', '=', 'active')
    .orderBy('plan_meters.meter_id')
    .executeTakeFirst();
  if (!plan) {
    throw new ServiceError(
      'subscription_inactive',
      'This phone has no active plan here. Subscribe first, then sign in again.',
    );
  }
  await completeSignIn(
    deps.db,
    signIn.id,
    { merchantId, customerId: plan.customer_id, meterId: plan.meter_id },
    now,
  );
}
