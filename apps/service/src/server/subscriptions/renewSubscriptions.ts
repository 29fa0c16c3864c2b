import Decimal from 'decimal.js';
import { balanceChanged } from '../balanceEvents/balanceChanged.ts';
import { RENEWAL_CONCURRENCY } from '../checkoutSessions/limits.ts';
import { fromCreditUnits, readCreditUnits } from '../credits/creditUnits.ts';
import { chargeDescription } from '../payments/chargeDescription.ts';
import { chargePayment } from '../payments/chargePayment.ts';
import type { PaymentRow } from '../payments/paymentRow.ts';
import { pendingPayment } from '../payments/pendingPayment.ts';
import { settlePayment } from '../payments/settlePayment.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { Money } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { advanceCycle } from './advanceCycle.ts';
import { applyPendingChanges } from './applyPendingChanges.ts';
import { chargeContext } from './chargeContext.ts';
import { parseRenewalKey, renewalKey } from './renewalKey.ts';
import { selectSubscriptionToCharge } from './selectSubscriptionToCharge.ts';

type Deps = Pick<Services, 'db' | 'payments' | 'now'>;

export interface RenewSubscriptionsOptions {
  /** Renewals charged at once. @default RENEWAL_CONCURRENCY */
  concurrency?: number;
  /** Subscriptions read in one pass. @default 1000 */
  batch?: number;
}

/** How a pass went: subscriptions renewed, renewal charges that failed, and those left alone. */
export interface RenewalPass {
  renewed: number;
  failed: number;
  /** Taken by another process meanwhile, or its charge left in flight for recovery. */
  skipped: number;
}

type Due = Awaited<ReturnType<typeof findDue>>[number];

// The statements of every renewal, prepared once (see prepareQuery): building them with
// Kysely for each renewal cost more CPU than SQLite takes to run them.
const findAttempts = prepareQuery((db, param: Param<{ subscription_id: string; since: string }>) =>
  db
    .selectFrom('payments')
    .select(['status', 'idempotency_key'])
    .where('subscription_id', '=', param('subscription_id'))
    .where('kind', '=', 'renewal')
    .where('created_at', '>=', param('since')),
);
const lockAccount = prepareQuery((db, param: Param<{ customer_id: string; at: string }>) =>
  db
    .updateTable('credit_accounts')
    .set({ updated_at: param('at') })
    .where('customer_id', '=', param('customer_id'))
    .returning('overage_due'),
);
type RenewalParams = Pick<
  PaymentRow,
  | 'id'
  | 'subscription_id'
  | 'merchant_id'
  | 'plan_id'
  | 'amount'
  | 'idempotency_key'
  | 'payment_method_ref'
  | 'locked_until'
  | 'created_at'
  | 'processor_customer_ref'
  | 'overage_amount'
>;
/** The claim: the attempt under its key, unless one is there, or another is in flight. */
const insertRenewal = prepareQuery((db, param: Param<RenewalParams>) =>
  db
    .insertInto('payments')
    .values({
      id: param('id'),
      kind: 'renewal',
      session_id: null,
      subscription_id: param('subscription_id'),
      merchant_id: param('merchant_id'),
      plan_id: param('plan_id'),
      phone: null,
      ip: null,
      amount: param('amount'),
      currency: 'usd',
      status: 'pending',
      failure_code: null,
      processor_ref: null,
      idempotency_key: param('idempotency_key'),
      payment_method_ref: param('payment_method_ref'),
      locked_until: param('locked_until'),
      created_at: param('created_at'),
      credit_bundle_id: null,
      processor_customer_ref: param('processor_customer_ref'),
      overage_amount: param('overage_amount'),
    })
    .onConflict((oc) => oc.doNothing()),
);

const findDue = (deps: Deps, now: Date, batch: number) =>
  selectSubscriptionToCharge(deps.db)
    .select(['subscriptions.cycle_end_at', 'plans.period_amount'])
    .where('subscriptions.status', '=', 'active')
    .where('subscriptions.cycle_end_at', '<=', now.toISOString())
    // A failed renewal waits for its retry; one in flight is its charger's, or recovery's.
    .where((eb) =>
      eb.or([
        eb('subscriptions.renewal_retry_at', 'is', null),
        eb('subscriptions.renewal_retry_at', '<=', now.toISOString()),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payments')
            .select('payments.id')
            .whereRef('payments.subscription_id', '=', 'subscriptions.id')
            .where('payments.status', 'in', ['pending', 'requires_action']),
        ),
      ),
    )
    .orderBy('subscriptions.cycle_end_at')
    .limit(batch)
    .execute();

/**
 * The renewal job, one pass: every active subscription whose cycle ended by the clock is
 * charged its plan's `period_amount`, plus the usage beyond its credits (`overage_due`, to the
 * cent below; the rest stays due) as its own part, off-session with its saved card, as a
 * `renewal` payment through the purchase pipeline (claim, charge, settle, record). Up to
 * `concurrency` renewals are charged at once, each claimed before it is charged: the claim is
 * the payment row under `renewalKey`, unique, and one payment in flight per subscription, so a
 * cycle is charged at most once whatever runs beside it, and a crash between charge and record
 * is settled by the recovery pass. A declined charge is tried again on the `RENEWAL_RETRY_DAYS`
 * schedule (`renewal_retry_at`); after the last, the subscription is cancelled and the customer
 * put on the Free plan. A cycle with nothing to charge, or no card to charge (a $0 plan), starts
 * without a payment. A subscription behind by several
 * cycles renews one per pass; `renewDue` runs passes until nothing is left.
 */
export async function renewSubscriptions(
  deps: Deps,
  options: RenewSubscriptionsOptions = {},
): Promise<RenewalPass> {
  const now = deps.now();
  // Changes due at the cycle's end first: a downgraded cycle renews at the new plan's price.
  await applyPendingChanges(deps, now, options.batch);
  const due = await findDue(deps, now, options.batch ?? 1000);
  const pass: RenewalPass = { renewed: 0, failed: 0, skipped: 0 };
  let next = 0;
  const skip = (subscription: Due, error: unknown): Outcome => {
    console.error('Lava Checkout: a renewal failed; it is tried again on the next pass', {
      subscription: subscription.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return 'skipped';
  };
  // A worker records its last charge while it claims and charges the next, one recording at a
  // time: the pool bounds the renewals at the processor, and waiting on the database's commits
  // does not hold a place in it.
  const worker = async () => {
    let recording: Promise<void> = Promise.resolve();
    while (next < due.length) {
      const subscription = due[next++] as Due;
      const charged = await chargeOne(deps, subscription, now).catch((error: unknown) =>
        skip(subscription, error),
      );
      if (typeof charged === 'string') {
        pass[charged] += 1;
        continue;
      }
      await recording;
      recording = charged()
        .catch((error: unknown) => skip(subscription, error))
        .then((outcome) => {
          pass[outcome] += 1;
        });
    }
    await recording;
  };
  await Promise.all(Array.from({ length: options.concurrency ?? RENEWAL_CONCURRENCY }, worker));
  return pass;
}

/** Runs renewal passes until one renews nothing: what became due, however far the clock moved. */
export async function renewDue(
  deps: Deps,
  options: RenewSubscriptionsOptions & { maxPasses?: number } = {},
): Promise<RenewalPass> {
  const total: RenewalPass = { renewed: 0, failed: 0, skipped: 0 };
  for (let i = 0; i < (options.maxPasses ?? 1000); i += 1) {
    const pass = await renewSubscriptions(deps, options);
    total.renewed += pass.renewed;
    total.failed += pass.failed;
    total.skipped += pass.skipped;
    if (pass.renewed + pass.failed === 0) break;
  }
  return total;
}

type Outcome = keyof RenewalPass;

/**
 * One renewal up to its charge: claimed and charged, it returns what records the charge's
 * outcome; otherwise (skipped, or a cycle started without a payment) the outcome.
 */
async function chargeOne(
  deps: Deps,
  subscription: Due,
  now: Date,
): Promise<Outcome | (() => Promise<Outcome>)> {
  const merchant = { id: subscription.merchant_id, environment: subscription.environment };
  // This cycle's attempts so far: each has a key of its own.
  const tried = (
    await findAttempts(deps.db, {
      subscription_id: subscription.id,
      since: subscription.cycle_end_at.slice(0, 10),
    })
  ).rows.filter(
    (payment) =>
      parseRenewalKey(payment.idempotency_key ?? '')?.cycleStartAt === subscription.cycle_start_at,
  );
  // In flight (recovery settles it), or paid and being recorded: not this pass's.
  if (tried.some((payment) => payment.status !== 'failed')) return 'skipped';
  const attempt = tried.length;

  // The claim, in one transaction that starts on the customer's credit account: what is due
  // for usage beyond the credits is read under the account row's lock (PostgreSQL), so an auto
  // top-up that paid it (recorded under the same lock) is never charged again here.
  const claim = await deps.db.transaction().execute(async (trx) => {
    const [account] = (
      await lockAccount(trx, { customer_id: subscription.customer_id, at: now.toISOString() })
    ).rows;
    const overage = fromCreditUnits(readCreditUnits(account?.overage_due)).toDecimalPlaces(
      2,
      Decimal.ROUND_DOWN,
    );
    const amount = new Money(subscription.period_amount).plus(overage);
    // Nothing to charge, or no card to charge it to (a Free plan's usage stays due).
    if (amount.lte(0) || subscription.processor_ref === null) return { kind: 'nothing' } as const;
    const payment = pendingPayment(merchant.environment, now, {
      kind: 'renewal',
      subscription_id: subscription.id,
      merchant_id: merchant.id,
      plan_id: subscription.plan_id,
      amount: amount.toFixed(2),
      idempotency_key: renewalKey(subscription.id, subscription.cycle_start_at, attempt),
      payment_method_ref: subscription.processor_ref,
      processor_customer_ref: subscription.processor_customer_ref,
      overage_amount: overage.gt(0) ? overage.toFixed(2) : null,
    });
    // Its key once, and one payment in flight per subscription (a top-up's included).
    const claimed = await insertRenewal(trx, payment);
    return claimed.numAffectedRows === 1n
      ? ({ kind: 'claimed', payment } as const)
      : ({ kind: 'taken' } as const);
  });
  if (claim.kind === 'nothing') {
    const advanced = await deps.db.transaction().execute((trx) =>
      advanceCycle(trx, {
        merchant,
        subscriptionId: subscription.id,
        cycleStartAt: subscription.cycle_start_at,
        payment: null,
        at: now,
      }),
    );
    if (advanced) balanceChanged(deps.db, subscription.customer_id);
    return advanced ? 'renewed' : 'skipped';
  }
  if (claim.kind === 'taken' || subscription.processor_ref === null) return 'skipped';
  const { payment } = claim;

  const charge = await chargePayment(
    deps.payments,
    payment,
    chargeDescription(subscription.merchant_name, subscription.plan_name),
  );
  const context = chargeContext(subscription, subscription.processor_ref);
  return async () => {
    const outcome = await settlePayment(deps, payment, charge, context);
    switch (outcome.status) {
      case 'succeeded':
        return 'renewed';
      case 'failed':
        // The last failure moved the customer to the Free plan: open balance streams read it.
        balanceChanged(deps.db, subscription.customer_id);
        return 'failed';
      default:
        return 'skipped';
    }
  };
}
