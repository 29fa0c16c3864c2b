import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import { addColumns } from './addColumns.ts';
import { createIndex } from './createIndex.ts';

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
    const zeroByDefault = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
    await addColumns(db, 'subscriptions', ['auto_top_up_off'], 'integer', zeroByDefault);
    await addColumns(db, 'merchants', ['auto_top_ups_per_cycle'], 'integer');
    const versions = ['balance_version', 'announced_version'];
    await addColumns(db, 'credit_accounts', versions, 'bigint', zeroByDefault);
    await addColumns(db, 'credit_accounts', ['announced_at']);
    await createIndex(
      db,
      'credit_accounts_unannounced',
      'credit_accounts',
      ['announced_at'],
      (index) => index.where(sql.ref('balance_version'), '>', sql.ref('announced_version')),
    );
    await createIndex(db, 'payments_subscription_kind', 'payments', [
      'subscription_id',
      'kind',
      'created_at',
    ]);
  },
};

export default migration;
