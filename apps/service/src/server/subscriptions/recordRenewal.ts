import { markPaymentSucceeded } from '../payments/markPaymentSucceeded.ts';
import type { RecordedPayment, RecordPaymentInput } from '../payments/recordPayment.ts';
import { reportChargeToRefund } from '../payments/reportChargeToRefund.ts';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { advanceCycle } from './advanceCycle.ts';
import { parseRenewalKey } from './renewalKey.ts';

const findSubscription = prepareQuery((db, param: Param<{ id: string }>) =>
  db
    .selectFrom('subscriptions')
    .select(['id', 'customer_id', 'checkout_session_id'])
    .where('id', '=', param('id')),
);

/**
 * Records a renewal's succeeded charge, in one transaction that starts with
 * `markPaymentSucceeded` (recording it again, from recovery, changes nothing): the
 * subscription's next cycle starts (`advanceCycle`). A charge for a cycle that is no longer the
 * subscription's (cancelled while it was charged) is reported for a refund.
 */
export async function recordRenewal(db: Db, input: RecordPaymentInput): Promise<RecordedPayment> {
  const { payment, merchant, at } = input;
  const key = parseRenewalKey(payment.idempotency_key);
  if (payment.subscription_id === null || key === null) {
    throw new Error(`Lava Checkout: payment ${payment.id} renews no subscription's cycle.`);
  }
  const subscriptionId = payment.subscription_id;
  return db.transaction().execute(async (trx) => {
    const taken = await markPaymentSucceeded(trx, payment, input.chargeRef);
    const [subscription] = (await findSubscription(trx, { id: subscriptionId })).rows;
    if (!subscription) {
      throw new Error(`Lava Checkout: payment ${payment.id} renews a subscription that is gone.`);
    }
    const result: RecordedPayment = {
      status: 'succeeded',
      // A renewal has no session of its own: the one that started the subscription, if any.
      checkout_session_id: subscription.checkout_session_id ?? '',
      customer_id: subscription.customer_id,
      subscription_id: subscription.id,
    };
    if (!taken) return result;
    const advanced = await advanceCycle(trx, {
      merchant,
      subscriptionId,
      cycleStartAt: key.cycleStartAt,
      payment,
      at,
    });
    if (!advanced) {
      reportChargeToRefund(
        'a renewal was charged for a cycle the subscription no longer has',
        input,
      );
    }
    return result;
  });
}
