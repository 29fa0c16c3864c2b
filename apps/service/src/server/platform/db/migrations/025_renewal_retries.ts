import type { Kysely, Migration } from 'kysely';
import { createIndex } from './createIndex.ts';

/**
 * Renewals at scale. `renewal_retry_at`: when a subscription whose renewal charge failed may be
 * charged again (`null`: at the end of its cycle), so the renewal job asks the database only for
 * what is due now, and subscriptions waiting for a retry never stand in front of those that are
 * due. The indexes serve the job's questions: active subscriptions by the end of their cycle, and
 * a subscription's renewal payments (its attempts at a cycle).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('subscriptions').addColumn('renewal_retry_at', 'text').execute();
    await createIndex(db, 'subscriptions_renewal_due', 'subscriptions', ['status', 'cycle_end_at']);
    await createIndex(db, 'payments_subscription', 'payments', ['subscription_id', 'kind']);
  },
};

export default migration;
