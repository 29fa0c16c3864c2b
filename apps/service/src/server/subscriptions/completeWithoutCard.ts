import type { VerifyCodeResponse } from '../../shared/checkoutContract.ts';
import type { CheckoutContext } from '../checkoutSessions/verifyCheckout.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import { createId } from '../platform/createId.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { Money } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { classifyPlanChange } from './classifyPlanChange.ts';
import { checkoutCompleted } from './recordSubscription.ts';
import { setPendingChange } from './setPendingChange.ts';
import { subscribeWithoutCheckout } from './subscribeWithoutCheckout.ts';

type Deps = Pick<Services, 'db' | 'now'>;

/**
 * What a subscription checkout does once the phone is verified, by the plan the customer has
 * (`classifyPlanChange`): a $0 plan, or a plan cheaper than their paid one, needs no card, and
 * the checkout completes here: the $0 plan is theirs at once (`subscribeWithoutCheckout`, a new
 * customer made for the phone), the cheaper one when their cycle ends (a pending `downgrade`),
 * with `checkout.completed`. A more expensive plan than theirs is an upgrade: the page is told
 * the prorated `amount_due`. Anything else needs the card for the plan's price: nothing to add.
 */
export async function completeWithoutCard(
  deps: Deps,
  checkout: CheckoutContext,
  /** The session's verified phone and its customer (`null`: none yet), when the caller read them. */
  verified?: { customerId: string | null; phone: string },
): Promise<Pick<VerifyCodeResponse, 'subscribed_without_card' | 'amount_due'>> {
  const { db } = deps;
  const { merchant, plan, claims } = checkout;
  const at = deps.now();
  const session = verified
    ? { customer_id: verified.customerId, phone: verified.phone }
    : await db
        .selectFrom('checkout_sessions')
        .select(['customer_id', 'phone'])
        .where('id', '=', claims.sid)
        .where('status', '=', 'phone_verified')
        .executeTakeFirst();
  if (!session || session.phone === null) return {};
  const change =
    session.customer_id === null
      ? ({ type: 'new', subscription: null } as const)
      : await classifyPlanChange(db, { customerId: session.customer_id, plan, at });
  if (change.type === 'upgrade') return { amount_due: change.proration.amount };
  if (change.type === 'same' || (change.type === 'new' && new Money(plan.period_amount).gt(0))) {
    return {};
  }
  const phone = session.phone;
  const iso = at.toISOString();
  const completed = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('checkout_sessions')
      .set({ status: 'completed', completed_at: iso, updated_at: iso })
      .where('id', '=', claims.sid)
      .where('status', '=', 'phone_verified')
      .executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n) return null;
    const events: Tables['webhook_events'][] = [];
    const customer =
      session.customer_id === null
        ? await customerFor(trx, { merchant, phone, at }, events)
        : await trx
            .selectFrom('customers')
            .selectAll()
            .where('id', '=', session.customer_id)
            .executeTakeFirstOrThrow();
    let subscriptionId: string;
    let startsAt: string | null = null;
    if (change.type === 'downgrade') {
      subscriptionId = change.subscription.id;
      const pending = await setPendingChange(trx, {
        merchant,
        subscriptionId,
        change: { type: 'downgrade', planId: plan.id },
        at,
      });
      startsAt = pending?.effective_at ?? null;
    } else {
      subscriptionId = await subscribeWithoutCheckout(trx, { merchant, customer, plan, at });
    }
    await trx
      .updateTable('checkout_sessions')
      .set({ customer_id: customer.id })
      .where('id', '=', claims.sid)
      .execute();
    // What the customer has now: their plan until a downgrade applies.
    const current = await trx
      .selectFrom('subscriptions')
      .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
      .select(['subscriptions.plan_id', 'plans.name'])
      .where('subscriptions.id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    events.push(
      checkoutCompleted(
        merchant,
        at,
        claims.sid,
        toRestCustomer(customer, {
          id: subscriptionId,
          plan_id: current.plan_id,
          name: current.name,
          status: 'active',
        }),
        plan.id,
        subscriptionId,
      ),
    );
    await insertWebhookEvents(trx, events);
    return { customerId: customer.id, subscriptionId, startsAt };
  });
  if (completed === null) return {};
  return {
    subscribed_without_card: {
      status: 'succeeded',
      checkout_session_id: claims.sid,
      customer_id: completed.customerId,
      subscription_id: completed.subscriptionId,
      starts_at: completed.startsAt,
    },
  };
}

/** The merchant's customer with this verified phone, made (and announced) if there is none. */
async function customerFor(
  trx: Db,
  input: { merchant: Pick<Tables['merchants'], 'id' | 'environment'>; phone: string; at: Date },
  events: Tables['webhook_events'][],
): Promise<Tables['customers']> {
  const iso = input.at.toISOString();
  const customer = await trx
    .insertInto('customers')
    .values({
      id: createId('con', input.merchant.environment),
      merchant_id: input.merchant.id,
      phone: input.phone,
      created_at: iso,
    })
    .onConflict((oc) =>
      oc
        .columns(['merchant_id', 'phone'])
        .doUpdateSet((eb) => ({ phone: eb.ref('excluded.phone') })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  if (customer.created_at === iso) {
    events.push(
      webhookEvent('customer.created', input.merchant, input.at, toRestCustomer(customer, null)),
    );
  }
  return customer;
}
