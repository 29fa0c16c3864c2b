import { timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { VerifyCodeResponse } from '../../shared/checkoutContract.ts';
import { CHECKS_PER_CODE } from '../checkoutSessions/limits.ts';
import { throwIfEnded } from '../checkoutSessions/sessionEnding.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { Money } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { completeWithoutCard } from '../subscriptions/completeWithoutCard.ts';
import { checkoutCompleted } from '../subscriptions/recordSubscription.ts';
import { hashCode } from './hashCode.ts';
import { phoneLocked } from './phoneLocked.ts';
import { recordWrongCode } from './recordWrongCode.ts';
import { wrongCode } from './wrongCode.ts';

type Deps = Pick<Services, 'db' | 'dialect' | 'otpKey' | 'now'>;

const codeLocked = () =>
  new ServiceError('code_locked', 'Too many wrong tries for this code. Send a new code.');

/**
 * In one read: the session, whether its merchant locked its phone for wrong codes (from any
 * session), and whether that phone's customer already has the plan.
 */
const findCodeCheck = prepareQuery(
  (db, param: Param<{ id: string; at: string; plan_id: string }>) =>
    db
      .selectFrom('checkout_sessions')
      .leftJoin('phone_locks', (join) =>
        join
          .onRef('phone_locks.merchant_id', '=', 'checkout_sessions.merchant_id')
          .onRef('phone_locks.phone', '=', 'checkout_sessions.phone')
          .on('phone_locks.locked_until', '>', param('at')),
      )
      .leftJoin('customers', (join) =>
        join
          .onRef('customers.merchant_id', '=', 'checkout_sessions.merchant_id')
          .on((eb) =>
            eb.or([
              eb('customers.id', '=', eb.ref('checkout_sessions.customer_id')),
              eb('customers.phone', '=', eb.ref('checkout_sessions.phone')),
            ]),
          ),
      )
      .leftJoin('subscriptions', (join) =>
        join
          .onRef('subscriptions.customer_id', '=', 'customers.id')
          .on('subscriptions.plan_id', '=', param('plan_id'))
          // A literal, so that SQLite looks the customer's subscription up in the partial
          // index of active ones, instead of reading every active subscription of the plan.
          .on('subscriptions.status', '=', sql.lit('active')),
      )
      .selectAll('checkout_sessions')
      .select([
        'phone_locks.locked_until',
        'customers.id as known_customer_id',
        'subscriptions.id as subscription_id',
        // What the checkout.completed event says of an already-subscribed customer.
        'customers.phone as customer_phone',
        'customers.created_at as customer_created_at',
        'customers.reference_id as customer_reference_id',
        'customers.email as customer_email',
        'customers.name as customer_name',
        'customers.metadata as customer_metadata',
      ])
      .where('checkout_sessions.id', '=', param('id'))
      // The customer the session was minted for comes before one found by phone.
      .orderBy(sql`customers.id = checkout_sessions.customer_id`, 'desc')
      .limit(1),
);

/** The right code, still the latest with checks left: the phone is verified. */
const verifySession = prepareQuery(
  (
    db,
    param: Param<{
      id: string;
      code_hash: string;
      status: 'completed' | 'phone_verified';
      customer_id: string | null;
      completed_at: string | null;
      at: string;
    }>,
  ) =>
    db
      .updateTable('checkout_sessions')
      .set((eb) => ({
        status: param('status'),
        code_attempts: eb('code_attempts', '+', 1),
        code_hash: null,
        customer_id: param('customer_id'),
        completed_at: param('completed_at'),
        updated_at: param('at'),
      }))
      .where('id', '=', param('id'))
      .where('status', '=', 'open')
      .where('code_hash', '=', param('code_hash'))
      .where('code_attempts', '<', CHECKS_PER_CODE),
);

/**
 * Checks a code against the session's latest one. In one read: the session, whether its phone
 * is locked at this merchant for wrong codes (from any session), and whether that phone's
 * customer already has the plan. A locked phone is refused before any comparison. Every check counts, in the same
 * conditional write that records its outcome, so only five checks of a code ever get an answer
 * other than `code_locked`, however many run at once; a wrong one also counts against the
 * phone across the merchant's sessions. The right code verifies its phone; a customer who already has the plan
 * completes the checkout in that same write, without a charge.
 */
export async function verifyCode(
  deps: Deps,
  checkout: CheckoutContext,
  code: string,
): Promise<VerifyCodeResponse> {
  const { claims, plan } = checkout;
  const now = deps.now();
  const at = now.toISOString();
  const { rows } = await findCodeCheck(deps.db, { id: claims.sid, at, plan_id: plan.id });
  const row = rows[0];
  throwIfEnded(row, now);
  if (!row) throw new ServiceError('no_code_sent', 'Ask for a code first.');
  if (row.status !== 'open') {
    throw new ServiceError('phone_already_verified', 'Your phone number is already verified.');
  }
  if (!row.code_hash || !row.phone || !row.code_expires_at) {
    throw new ServiceError('no_code_sent', 'Ask for a code first.');
  }
  if (row.code_expires_at <= at) {
    throw new ServiceError('code_expired', 'This code has expired. Send a new code.');
  }
  if (row.locked_until) throw phoneLocked(now, row.locked_until);
  if (row.code_attempts >= CHECKS_PER_CODE) throw codeLocked();

  const codeHash = row.code_hash;
  const expected = Buffer.from(codeHash, 'hex');
  const given = Buffer.from(hashCode(deps.otpKey, claims.sid, row.phone, code), 'hex');
  const right = timingSafeEqual(expected, given);
  // Only a write that finds the same code with checks left counts this check (as verifySession).
  if (!right) {
    const checked = await deps.db
      .updateTable('checkout_sessions')
      .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
      .where('id', '=', claims.sid)
      .where('status', '=', 'open')
      .where('code_hash', '=', codeHash)
      .where('code_attempts', '<', CHECKS_PER_CODE)
      .returning('code_attempts')
      .executeTakeFirst();
    if (!checked) throw codeLocked();
    const lockedUntil = await recordWrongCode(deps, row.merchant_id, row.phone, now);
    if (lockedUntil) throw phoneLocked(now, lockedUntil);
    throw wrongCode(CHECKS_PER_CODE - checked.code_attempts);
  }

  // A credit bundle is sold to subscribers: having the plan is what lets them buy it.
  const subscribed =
    checkout.bundle === null && row.known_customer_id !== null && row.subscription_id !== null;
  const verify = async (db: Db) =>
    (
      await verifySession(db, {
        id: claims.sid,
        code_hash: codeHash,
        status: subscribed ? 'completed' : 'phone_verified',
        customer_id: row.known_customer_id,
        completed_at: subscribed ? at : null,
        at,
      })
    ).numAffectedRows ?? 0n;
  if (!subscribed || !row.known_customer_id || !row.subscription_id) {
    if ((await verify(deps.db)) === 0n) throw codeLocked();
    // A $0 plan, or another plan than a known customer's, may need no card, or less than its
    // price (see `completeWithoutCard`); a new customer's paid plan needs both: nothing to ask.
    if (
      checkout.bundle === null &&
      (row.known_customer_id !== null || new Money(plan.period_amount).lte(0))
    ) {
      return {
        verified: true,
        ...(await completeWithoutCard(deps, checkout, {
          customerId: row.known_customer_id,
          phone: row.phone,
        })),
      };
    }
    return { verified: true };
  }
  const customerId = row.known_customer_id;
  const subscriptionId = row.subscription_id;
  // Completing announces checkout.completed, written with the completion or not at all.
  const completed = await deps.db.transaction().execute(async (trx) => {
    if ((await verify(trx)) === 0n) return false;
    const customer = toRestCustomer(
      {
        id: customerId,
        phone: row.customer_phone ?? row.phone ?? '',
        created_at: row.customer_created_at ?? at,
        reference_id: row.customer_reference_id,
        email: row.customer_email,
        name: row.customer_name,
        metadata: row.customer_metadata,
      },
      { id: subscriptionId, plan_id: plan.id, name: plan.name, status: 'active' },
    );
    await trx
      .insertInto('webhook_events')
      .values(
        checkoutCompleted(checkout.merchant, now, claims.sid, customer, plan.id, subscriptionId),
      )
      .execute();
    return true;
  });
  if (!completed) throw codeLocked();
  // A customer who already has the plan is done: no card form, no charge.
  return {
    verified: true,
    already_subscribed: {
      status: 'succeeded',
      checkout_session_id: claims.sid,
      customer_id: row.known_customer_id,
      subscription_id: row.subscription_id,
    },
  };
}
