import { sql } from 'kysely';
import { balanceOf } from '../credits/balanceOf.ts';
import { fromCreditUnits, readCreditUnits } from '../credits/creditUnits.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import { formatMoney } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { selectSubscriptionWithPlan } from '../subscriptions/selectSubscriptionWithPlan.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';

/** At most one `customer.wallet.balance.updated` per customer in this long. */
export const BALANCE_EVENT_INTERVAL_MS = 1000;

/** Accounts announced per pass; the next pass takes the rest. */
const BATCH = 500;

/**
 * Writes `customer.wallet.balance.updated` to the webhook outbox for every customer whose
 * credits changed since their last one (usage drawn, a payment, credits granted or expired:
 * each raises the account's `balance_version` in its own transaction) and whose last one is at
 * least `BALANCE_EVENT_INTERVAL_MS` old. Changes in between are coalesced: the event carries
 * the balance when it is written, the latest, never an older one. Each account is claimed by
 * one conditional update, so any number of processes may run this at once and a change is
 * announced once. Returns how many events it wrote.
 */
export async function announceBalanceUpdates(deps: Pick<Services, 'db' | 'now'>): Promise<number> {
  const now = deps.now();
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - BALANCE_EVENT_INTERVAL_MS).toISOString();
  const due = await deps.db
    .selectFrom('credit_accounts')
    .select('customer_id')
    .where(sql<boolean>`balance_version > announced_version`)
    .where((eb) => eb.or([eb('announced_at', 'is', null), eb('announced_at', '<=', cutoff)]))
    .limit(BATCH)
    .execute();
  let written = 0;
  for (const { customer_id: customerId } of due) {
    const wrote = await deps.db.transaction().execute(async (trx) => {
      // The claim, and on PostgreSQL the account row's lock: no change commits while the
      // balance below is read, so the event carries the balance of the version it marks.
      const claimed = await trx
        .updateTable('credit_accounts')
        .set({ announced_version: sql`balance_version`, announced_at: at })
        .where('customer_id', '=', customerId)
        .where(sql<boolean>`balance_version > announced_version`)
        .where((eb) => eb.or([eb('announced_at', 'is', null), eb('announced_at', '<=', cutoff)]))
        .returning(['merchant_id', 'overage_due'])
        .executeTakeFirst();
      if (!claimed) return false;
      const customer = await trx
        .selectFrom('customers')
        .innerJoin('merchants', 'merchants.id', 'customers.merchant_id')
        .selectAll('customers')
        .select('merchants.environment')
        .where('customers.id', '=', customerId)
        .executeTakeFirst();
      // A customer deleted since: nobody to announce.
      if (!customer) return false;
      const subscription = await selectSubscriptionWithPlan(trx)
        .where('subscriptions.customer_id', '=', customerId)
        .orderBy('subscriptions.status')
        .orderBy('subscriptions.created_at', 'desc')
        .executeTakeFirst();
      const balance = await balanceOf(trx, { customerId }, now);
      const money = (units: bigint) => formatMoney(fromCreditUnits(units));
      await insertWebhookEvents(trx, [
        webhookEvent(
          'customer.wallet.balance.updated',
          { id: claimed.merchant_id, environment: customer.environment },
          now,
          {
            ...toRestCustomer(
              customer,
              subscription ? { ...subscription, name: subscription.plan_name } : null,
            ),
            credits: {
              total_remaining: money(balance.total),
              cycle_remaining: money(balance.cycle),
              bundle_remaining: money(balance.bundle),
            },
            overage_due: money(readCreditUnits(claimed.overage_due)),
          },
        ),
      ]);
      return true;
    });
    if (wrote) written += 1;
  }
  return written;
}
