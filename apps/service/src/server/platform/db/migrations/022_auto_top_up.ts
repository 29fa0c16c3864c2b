import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Auto top-up and the coalesced balance event.
 *
 * - `subscriptions.auto_top_up_off`: the customer or merchant turned auto top-up off. While it is
 *   0, a subscription without a bundle of its own (`auto_top_up_bundle_id` null) tops up with its
 *   plan's `default_auto_top_up_bundle_id`.
 * - `merchants.auto_top_ups_per_cycle`: how many auto top-ups one subscription may buy in a
 *   cycle; `null` is the service's default.
 * - `credit_accounts.balance_version` goes up with every change of a customer's credits;
 *   `announced_version` and `announced_at` say which change the last
 *   `customer.wallet.balance.updated` event carried, and when. The partial index finds the
 *   accounts with a change not announced yet.
 * - `payments (subscription_id, kind)`: a subscription's top-ups (and renewals) of a cycle are
 *   read by it.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('subscriptions')
      .addColumn('auto_top_up_off', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('merchants')
      .addColumn('auto_top_ups_per_cycle', 'integer')
      .execute();
    await db.schema
      .alterTable('credit_accounts')
      .addColumn('balance_version', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('credit_accounts')
      .addColumn('announced_version', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('credit_accounts').addColumn('announced_at', 'text').execute();
    await db.schema
      .createIndex('credit_accounts_unannounced')
      .on('credit_accounts')
      .column('announced_at')
      .where(sql.ref('balance_version'), '>', sql.ref('announced_version'))
      .execute();
    await db.schema
      .createIndex('payments_subscription_kind')
      .on('payments')
      .columns(['subscription_id', 'kind', 'created_at'])
      .execute();
  },
};

export default migration;
