import { sql } from 'kysely';
import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import {
  PAYMENT_ATTEMPTS_PER_IP,
  PAYMENT_ATTEMPTS_PER_PHONE,
  PAYMENT_ATTEMPTS_PER_SESSION,
} from '../checkoutSessions/limits.ts';
import { idleCutoff, throwIfEnded } from '../checkoutSessions/sessionEnding.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { classifyPlanChange } from '../subscriptions/classifyPlanChange.ts';
import { checkoutCompleted } from '../subscriptions/recordSubscription.ts';
import { retryAfterSeconds } from '../verification/retryAfterSeconds.ts';
import type { CheckoutPurchase } from './CheckoutPurchase.ts';
import { paymentAttemptsRefused } from './paymentAttemptsRefused.ts';
import type { PaymentRow } from './paymentRow.ts';
import { pendingPayment } from './pendingPayment.ts';

type SessionRow = Tables['checkout_sessions'];

export type ClaimResult =
  | { kind: 'claimed'; payment: PaymentRow; session: SessionRow }
  /** Another session is paying for the same phone and plan (or a bundle of it) right now. */
  | { kind: 'busy' }
  /** A purchase made `once`: the customer has the plan already, and the session completed without a charge. */
  | { kind: 'subscribed'; result: Extract<SubscribeResponse, { status: 'succeeded' }> };

/** Thrown inside the claim's transaction to roll it back when the purchase is taken. */
class PurchaseInFlight extends Error {}

type Deps = Pick<Services, 'db' | 'dialect' | 'now'>;

/** The session moves to `processing`, if verified, with attempts left, and not idle. */
const claimSession = prepareQuery(
  (db, param: Param<{ id: string; at: string; idle_cutoff: string }>) =>
    db
      .updateTable('checkout_sessions')
      .set((eb) => ({
        status: 'processing',
        payment_attempts: eb('payment_attempts', '+', 1),
        updated_at: param('at'),
      }))
      .where('id', '=', param('id'))
      .where('status', '=', 'phone_verified')
      .where('payment_attempts', '<', PAYMENT_ATTEMPTS_PER_SESSION)
      .where((eb) => eb.fn.coalesce('updated_at', 'created_at'), '>=', param('idle_cutoff'))
      .returningAll(),
);

const PAYMENT_COLUMNS = [
  'id',
  'kind',
  'session_id',
  'subscription_id',
  'merchant_id',
  'plan_id',
  'phone',
  'ip',
  'amount',
  'currency',
  'status',
  'failure_code',
  'processor_ref',
  'idempotency_key',
  'payment_method_ref',
  'locked_until',
  'created_at',
  'credit_bundle_id',
  'processor_customer_ref',
] as const satisfies readonly (keyof PaymentRow)[];

type InsertParams = PaymentRow & { phone_since: string; ip_since: string; customer_id: string };

/**
 * The attempt, written only if the phone and the IP address are within their attempts of the
 * hour and, for a purchase made `once`, the customer does not have the plan yet; nothing when
 * the purchase is taken. One statement, prepared once for each of the two.
 */
const insertPaymentOf = (once: boolean) =>
  prepareQuery((db, param: Param<InsertParams>) => {
    const attempts = (column: 'phone' | 'ip', since: 'phone_since' | 'ip_since') =>
      db
        .selectFrom('payments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(column, '=', param(column))
        .where('created_at', '>', param(since));
    // Asked only of a purchase made once; the other statement takes no customer.
    const owned = () =>
      activeSubscription(db, {
        merchant_id: param('merchant_id'),
        plan_id: param('plan_id'),
        phone: param('phone') as string,
        customer_id: param('customer_id'),
      }).select('subscriptions.id');
    return db
      .insertInto('payments')
      .columns(PAYMENT_COLUMNS)
      .expression(
        db
          .selectNoFrom((eb) => PAYMENT_COLUMNS.map((column) => eb.val(param(column)).as(column)))
          .where((eb) =>
            eb.and([
              eb(attempts('phone', 'phone_since'), '<', PAYMENT_ATTEMPTS_PER_PHONE.max),
              eb(attempts('ip', 'ip_since'), '<', PAYMENT_ATTEMPTS_PER_IP.max),
              ...(once ? [eb.not(eb.exists(owned()))] : []),
            ]),
          ),
      )
      .onConflict((oc) => oc.doNothing());
  });
const insertPayment = { once: insertPaymentOf(true), again: insertPaymentOf(false) };

/**
 * Claims a checkout's payment for what it sells (a plan, a bundle), in one transaction of two
 * statements: the session moves to `processing` (at most five attempts each), and the attempt
 * is written with its kind and idempotency key before any processor is called, only if the
 * phone and the IP address are within their attempts across sessions and, for a plan, the
 * customer does not have it yet. The attempt is also the claim on the purchase (phone and
 * plan, a bundle counting as its plan): when another session is paying for it, nothing is
 * written and `busy` comes back. Why a claim failed is worked out only when it did.
 */
export async function claimPayment(
  deps: Deps,
  checkout: CheckoutContext,
  bought: CheckoutPurchase,
  input: { ip: string | null; paymentMethodRef: string },
): Promise<ClaimResult> {
  const { claims, merchant } = checkout;
  const now = deps.now();
  const at = now.toISOString();
  const hourAgo = (windowMs: number) => new Date(now.getTime() - windowMs).toISOString();
  try {
    return await deps.db.transaction().execute(async (trx): Promise<ClaimResult> => {
      const { rows } = await claimSession(trx, {
        id: claims.sid,
        at,
        idle_cutoff: idleCutoff(now),
      });
      const session = rows[0];
      if (!session?.phone) return refuseSession(trx, claims.sid, now);
      const phone = session.phone;
      await lockSubjects(trx, deps.dialect, [
        `phone:${phone}`,
        ...(input.ip ? [`ip:${input.ip}`] : []),
      ]);

      const upgrade = await upgradeOf(trx, bought, session, checkout.plan, now);
      const payment = pendingPayment(merchant.environment, now, {
        kind: upgrade ? 'upgrade' : bought.kind,
        session_id: claims.sid,
        subscription_id: upgrade ? upgrade.subscription.id : null,
        merchant_id: merchant.id,
        plan_id: bought.planId,
        phone,
        ip: input.ip,
        amount: upgrade ? upgrade.proration.amount : bought.amount,
        // The attempt number this request claimed, so no two attempts share a key.
        idempotency_key: `${claims.sid}:${session.payment_attempts}`,
        payment_method_ref: input.paymentMethodRef,
        credit_bundle_id: bought.creditBundleId,
        processor_customer_ref: bought.customerRef,
      });
      const insert = bought.once ? insertPayment.once : insertPayment.again;
      const inserted = await insert(trx, {
        ...payment,
        phone_since: hourAgo(PAYMENT_ATTEMPTS_PER_PHONE.windowMs),
        ip_since: hourAgo(PAYMENT_ATTEMPTS_PER_IP.windowMs),
        customer_id: session.customer_id ?? '',
      });
      if (inserted.numAffectedRows === 1n) {
        if (!bought.once || deps.dialect !== 'postgres')
          return { kind: 'claimed', payment, session };
        // PostgreSQL reads committed rows as they were when a statement began: the insert's
        // check for a subscription may predate one that another session's payment was just
        // recording. Its unique index then waited for that recording to commit, and let the
        // insert through once the payment had left it. A new statement sees the subscription.
        const recorded = await activeSubscription(trx, {
          merchant_id: merchant.id,
          plan_id: bought.planId,
          phone,
          customer_id: session.customer_id ?? '',
        })
          .select('subscriptions.id')
          .executeTakeFirst();
        if (!recorded) return { kind: 'claimed', payment, session };
        await trx.deleteFrom('payments').where('id', '=', payment.id).execute();
      }

      // Not written: the customer has the plan, or a limit is reached, or the purchase is taken.
      const subscription = bought.once
        ? await activeSubscription(trx, {
            merchant_id: merchant.id,
            plan_id: bought.planId,
            phone,
            customer_id: session.customer_id ?? '',
          })
            .selectAll('customers')
            .select(['subscriptions.id as subscription_id', 'subscriptions.customer_id'])
            .executeTakeFirst()
        : undefined;
      if (subscription) {
        await trx
          .updateTable('checkout_sessions')
          .set((eb) => ({
            status: 'completed',
            completed_at: at,
            updated_at: at,
            customer_id: subscription.customer_id,
            // The attempt was never used.
            payment_attempts: eb('payment_attempts', '-', 1),
          }))
          .where('id', '=', claims.sid)
          .execute();
        const { plan } = checkout;
        await trx
          .insertInto('webhook_events')
          .values(
            checkoutCompleted(
              checkout.merchant,
              now,
              claims.sid,
              toRestCustomer(subscription, {
                id: subscription.subscription_id,
                plan_id: plan.id,
                name: plan.name,
                status: 'active',
              }),
              plan.id,
              subscription.subscription_id,
            ),
          )
          .execute();
        return {
          kind: 'subscribed',
          result: {
            status: 'succeeded',
            checkout_session_id: claims.sid,
            customer_id: subscription.customer_id,
            subscription_id: subscription.subscription_id,
          },
        };
      }
      for (const [column, value, limit] of [
        ['phone', phone, PAYMENT_ATTEMPTS_PER_PHONE],
        ['ip', input.ip, PAYMENT_ATTEMPTS_PER_IP],
      ] as const) {
        // No limit per address applies to this request (an `ip = null` counted nothing above).
        if (value === null) continue;
        const oldest = (
          await trx
            .selectFrom('payments')
            .select('created_at')
            .where(column, '=', value)
            .where('created_at', '>', hourAgo(limit.windowMs))
            .orderBy('created_at', 'desc')
            .limit(limit.max)
            .execute()
        )[limit.max - 1];
        if (oldest) {
          throw paymentAttemptsRefused(
            column,
            limit,
            retryAfterSeconds(now, new Date(Date.parse(oldest.created_at) + limit.windowMs)),
          );
        }
      }
      throw new PurchaseInFlight();
    });
  } catch (error) {
    if (error instanceof PurchaseInFlight) return { kind: 'busy' };
    throw error;
  }
}

/**
 * A plan bought by a verified customer who has a cheaper paid one is an upgrade of it: charged
 * the new price less the unused share of theirs (`classifyPlanChange`). A new customer's
 * checkout asks nothing more of the database.
 */
async function upgradeOf(
  trx: Db,
  bought: CheckoutPurchase,
  session: SessionRow,
  plan: CheckoutContext['plan'],
  at: Date,
) {
  if (bought.kind !== 'plan' || session.customer_id === null) return null;
  const change = await classifyPlanChange(trx, { customerId: session.customer_id, plan, at });
  return change.type === 'upgrade' ? change : null;
}

/** The active subscription to this plan of the customer the session verified, if any. */
function activeSubscription(
  db: Db,
  of: { merchant_id: string; plan_id: string; phone: string; customer_id: string },
) {
  return (
    db
      .selectFrom('subscriptions')
      .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
      .where('customers.merchant_id', '=', of.merchant_id)
      .where((eb) =>
        eb.or([eb('customers.phone', '=', of.phone), eb('customers.id', '=', of.customer_id)]),
      )
      .where('subscriptions.plan_id', '=', of.plan_id)
      // A literal, not a parameter: SQLite then finds the customer's active subscription to the
      // plan in its partial index, instead of reading every active subscription of the plan.
      .where('subscriptions.status', '=', sql.lit('active'))
  );
}

/** Why a session could not be claimed for payment, read back from the session. */
export async function refuseSession(trx: Db, sessionId: string, now: Date): Promise<never> {
  const session = await trx
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirst();
  throwIfEnded(session, now);
  switch (session?.status) {
    case 'processing':
      throw new ServiceError('payment_in_progress', 'Your payment is already being processed.');
    case 'open':
    case undefined:
      throw new ServiceError('phone_not_verified', 'Verify your phone number first.');
    default:
      throw new ServiceError(
        'too_many_payment_attempts_in_session',
        `Too many payment attempts in this checkout (${PAYMENT_ATTEMPTS_PER_SESSION}). Start the checkout again.`,
      );
  }
}
