import type { CreateTableBuilder } from 'kysely';
import { columns } from './columns.ts';

// Columns written by more than one migration: once where a table is made, again where a later
// migration makes it anew (see `rebuildTable`). Each group is frozen as the migration that
// introduced it made it: changing one changes the schema of every database migrated since.
// Not a migration itself: `readMigrations` reads only the numbered files.

type Columns = (table: CreateTableBuilder<string, string>) => CreateTableBuilder<string, string>;

/** What the merchant API keeps of a customer (006): text, nullable. */
export const CUSTOMER_DETAIL_COLUMNS = [
  'reference_id',
  'email',
  'name',
  'metadata',
  'deleted_at',
] as const;

/** A payment's claim on a purchase and what its limits count (002): text, nullable. */
export const PAYMENT_CLAIM_COLUMNS = [
  'merchant_id',
  'plan_id',
  'phone',
  'ip',
  'idempotency_key',
  'payment_method_ref',
  'locked_until',
] as const;

/** What a payment for a credit bundle adds (007): text, nullable. */
export const PAYMENT_BUNDLE_COLUMNS = ['credit_bundle_id', 'processor_customer_ref'] as const;

/** A request's tokens and charge as whole numbers, summed by the database (009). */
export const USAGE_SUM_COLUMNS = [
  'usage_tokens',
  'charge_trillions',
  'charge_ones',
  'charge_fraction',
] as const;

/** The columns of `USAGE_SUM_COLUMNS`, as 009 adds them: whole numbers, zero until filled. */
export const usageSums: Columns = columns.of('bigint', USAGE_SUM_COLUMNS, (c) =>
  c.notNull().defaultTo(0),
);

/** A payment's charge and how it went, after whom it belongs to (001). */
export const paymentCharge: Columns = (table) =>
  table
    .$call(columns.required(['amount', 'currency', 'status']))
    .$call(columns.text(['failure_code', 'processor_ref']))
    .addColumn('created_at', 'text', (c) => c.notNull());

/** A subscription's state and cycle, after what it subscribes to and how it is paid (001). */
export const subscriptionCycle: Columns = (table) =>
  table
    .$call(columns.required(['status', 'started_at', 'cycle_start_at', 'cycle_end_at']))
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull());

/** A recorded request's usage and what it drew, after whom and what it is for (006). */
export const usageRequestRecord: Columns = (table) =>
  table
    .addColumn('subscription_id', 'text')
    .$call(columns.required(['usage', 'charge', 'drawn_cycle', 'drawn_bundle', 'breakdown']))
    .$call(columns.required(['metadata', 'created_at']));
