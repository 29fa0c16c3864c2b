import { sql } from 'kysely';
import { liveBundlesOfPlan } from '../catalog/liveBundlesOfPlan.ts';
import { claimOffSessionPayment } from '../payments/claimOffSessionPayment.ts';
import type { PaymentRow } from '../payments/paymentRow.ts';
import { pendingPayment } from '../payments/pendingPayment.ts';
import type { SettleContext } from '../payments/settlePayment.ts';
import { formatMoney } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { chargeContext } from '../subscriptions/chargeContext.ts';
import { selectSubscriptionToCharge } from '../subscriptions/selectSubscriptionToCharge.ts';
import { AUTO_TOP_UPS_PER_CYCLE } from './AUTO_TOP_UPS_PER_CYCLE.ts';
import { readCreditUnits, toCreditUnits } from './creditUnits.ts';
import { topUpKey, topUpKeyPrefix } from './topUpKey.ts';

/** Why no top-up was claimed, or the claimed one with what charging and recording it need. */
export type TopUpClaim =
  /** The credits free are above the threshold: nothing ran out. */
  | { kind: 'not_needed' }
  /** No active subscription with auto top-up on and a live bundle to buy, or no card on file. */
  | { kind: 'off' }
  /** Another top-up (or a renewal) of the subscription is being charged. */
  | { kind: 'in_flight' }
  /** A top-up failed this cycle with the card on file: none again until the card or cycle changes. */
  | { kind: 'blocked' }
  /** The cycle's top-ups reached the merchant's cap. */
  | { kind: 'limit_reached' }
  /** The bundle would not make the credits free cover `need`: buying it would not help. */
  | { kind: 'too_small' }
  | {
      kind: 'claimed';
      payment: PaymentRow;
      context: SettleContext;
      /** What the charge says on the statement. */
      description: { merchantName: string; bundleName: string };
    };

const IN_FLIGHT = new Set(['pending', 'requires_action']);

/**
 * Claims an auto top-up for a customer whose credits ran out, in one transaction: the claim is
 * the `top_up` payment row, written only when
 *
 * - the customer's credits free (available less reserved) are at or below `threshold`,
 * - with `need` (a call refused for want of credits): the bundle would make them cover it,
 * - they have an active subscription with auto top-up on and a bundle to buy (its own
 *   `auto_top_up_bundle_id` if a live bundle of its plan, else its plan's
 *   `default_auto_top_up_bundle_id`) and a card on file,
 * - none of its top-ups is in flight, none failed this cycle on the card on file (a card
 *   that declined is not tried again until it is replaced or the cycle ends), and fewer than
 *   the merchant's cap per cycle succeeded.
 *
 * The transaction starts by updating the customer's account row under the threshold condition:
 * on PostgreSQL the row's lock makes claims of one customer take turns across processes, and
 * each re-reads the balance once it holds the lock (so a claim that waited on a top-up's
 * recording sees its credits and stops); SQLite runs one writer at a time. The payment's key
 * (`topUpKey`) and the unique index of payments in flight per subscription hold the rest.
 */
export async function claimTopUp(
  deps: Pick<Services, 'db' | 'now'>,
  input: {
    customerId: string;
    threshold: bigint;
    /** What the credits free must cover after the top-up, for it to be worth buying. */
    need?: bigint | undefined;
  },
): Promise<TopUpClaim> {
  const now = deps.now();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx): Promise<TopUpClaim> => {
    const locked = await trx
      .updateTable('credit_accounts')
      .set({ updated_at: at })
      .where('customer_id', '=', input.customerId)
      .where(sql<boolean>`available - reserved <= ${input.threshold}`)
      .returning(['available', 'reserved'])
      .executeTakeFirst();
    if (!locked) return { kind: 'not_needed' };
    const free = readCreditUnits(locked.available) - readCreditUnits(locked.reserved);

    const subscription = await selectSubscriptionToCharge(trx)
      .select([
        'subscriptions.auto_top_up_bundle_id',
        'plans.default_auto_top_up_bundle_id',
        'merchants.auto_top_ups_per_cycle',
      ])
      .where('subscriptions.customer_id', '=', input.customerId)
      .where('subscriptions.status', '=', 'active')
      .where('subscriptions.auto_top_up_off', '=', 0)
      .orderBy('subscriptions.created_at', 'desc')
      .executeTakeFirst();
    if (!subscription?.processor_ref) return { kind: 'off' };
    const wanted = [
      subscription.auto_top_up_bundle_id,
      subscription.default_auto_top_up_bundle_id,
    ].filter((id): id is string => id !== null);
    if (wanted.length === 0) return { kind: 'off' };
    const bundles = await liveBundlesOfPlan(trx, subscription.plan_id)
      .select(['id', 'name', 'cost', 'credit_amount'])
      .where('id', 'in', wanted)
      .execute();
    // Its own bundle first; one no longer of its plan (a plan change) gives way to the plan's.
    const bundle =
      bundles.find((b) => b.id === subscription.auto_top_up_bundle_id) ??
      bundles.find((b) => b.id === subscription.default_auto_top_up_bundle_id);
    if (!bundle) return { kind: 'off' };
    if (input.need !== undefined && free + toCreditUnits(bundle.credit_amount) < input.need) {
      return { kind: 'too_small' };
    }

    const prefix = topUpKeyPrefix(subscription.id, subscription.cycle_start_at);
    const tries = (
      await trx
        .selectFrom('payments')
        .select(['status', 'failure_code', 'payment_method_ref', 'idempotency_key'])
        .where('subscription_id', '=', subscription.id)
        .where('kind', '=', 'top_up')
        .where('created_at', '>=', subscription.cycle_start_at)
        .execute()
    ).filter((payment) => payment.idempotency_key?.startsWith(prefix));
    if (tries.some((payment) => IN_FLIGHT.has(payment.status))) return { kind: 'in_flight' };
    // A processor that could not be reached says nothing about the card.
    const declined = tries.some(
      (payment) =>
        payment.status === 'failed' &&
        payment.failure_code !== 'processing_error' &&
        payment.payment_method_ref === subscription.processor_ref,
    );
    if (declined) return { kind: 'blocked' };
    const cap = subscription.auto_top_ups_per_cycle ?? AUTO_TOP_UPS_PER_CYCLE;
    if (tries.filter((payment) => payment.status === 'succeeded').length >= cap) {
      return { kind: 'limit_reached' };
    }

    const merchant = { id: subscription.merchant_id, environment: subscription.environment };
    const payment = pendingPayment(merchant.environment, now, {
      kind: 'top_up',
      subscription_id: subscription.id,
      merchant_id: merchant.id,
      plan_id: subscription.plan_id,
      amount: formatMoney(bundle.cost),
      idempotency_key: topUpKey(subscription.id, subscription.cycle_start_at, tries.length),
      payment_method_ref: subscription.processor_ref,
      credit_bundle_id: bundle.id,
      processor_customer_ref: subscription.processor_customer_ref,
    });
    // A renewal in flight holds the subscription's one payment in flight: not now.
    if (!(await claimOffSessionPayment(trx, payment))) return { kind: 'in_flight' };
    return {
      kind: 'claimed',
      payment,
      description: { merchantName: subscription.merchant_name, bundleName: bundle.name },
      context: chargeContext(subscription, subscription.processor_ref),
    };
  });
}
