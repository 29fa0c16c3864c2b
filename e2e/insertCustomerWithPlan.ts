import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TestStack } from './startTestStack.ts';

const ulid = () =>
  Array.from(randomBytes(26), (byte) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[byte % 32]).join('');

/**
 * A customer who has the plan, paid with the test card 4242, as an earlier checkout leaves them
 * in the service's database. Written there, not checked out again in the browser: that would
 * text their phone a code now, and the next code (this test's) would meet the phone's 30-second
 * cool-down. No credits are granted: their balance is zero until something adds some.
 */
export function insertCustomerWithPlan(stack: TestStack, phone: string): string {
  const db = new Database(join(stack.dataDir, 'checkout.sqlite'));
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    const { merchant_id } = db
      .prepare('select merchant_id from plans where id = ?')
      .get(stack.planId) as { merchant_id: string };
    const now = new Date();
    const at = now.toISOString();
    const ids = {
      customer: `con_test_${ulid()}`,
      session: `cs_test_${ulid()}`,
      card: `pm_test_${ulid()}`,
      subscription: `sub_test_${ulid()}`,
    };
    db.transaction(() => {
      db.prepare(
        'insert into customers (id, merchant_id, phone, created_at) values (?, ?, ?, ?)',
      ).run(ids.customer, merchant_id, phone, at);
      db.prepare(
        `insert into checkout_sessions (id, merchant_id, mode, origin_url, plan_id, customer_id,
           status, phone, code_sends, payment_attempts, expires_at, created_at, completed_at,
           updated_at, code_attempts)
         values (?, ?, 'subscription', ?, ?, ?, 'completed', ?, 1, 1, ?, ?, ?, ?, 0)`,
      ).run(
        ids.session,
        merchant_id,
        stack.demoOrigin,
        stack.planId,
        ids.customer,
        phone,
        at,
        at,
        at,
        at,
      );
      db.prepare(
        `insert into payment_methods (id, customer_id, processor_ref, brand, last4, exp_month,
           exp_year, created_at)
         values (?, ?, 'pm_test.succeeds.visa.4242.12.2034', 'visa', '4242', 12, 2034, ?)`,
      ).run(ids.card, ids.customer, at);
      db.prepare(
        `insert into subscriptions (id, customer_id, plan_id, checkout_session_id,
           payment_method_id, status, started_at, cycle_start_at, cycle_end_at, created_at)
         values (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
      ).run(
        ids.subscription,
        ids.customer,
        stack.planId,
        ids.session,
        ids.card,
        at,
        at,
        new Date(now.getTime() + 30 * 86_400_000).toISOString(),
        at,
      );
    })();
    return ids.customer;
  } finally {
    db.close();
  }
}
