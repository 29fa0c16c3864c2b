import { type Kysely, type Migration, Migrator } from 'kysely';
import { bundlePayments } from './bundlePayments.ts';
import { checkoutProfile } from './checkoutProfile.ts';
import { initialSchema } from './initialSchema.ts';
import { limitsAndCharges } from './limitsAndCharges.ts';
import { merchantApi } from './merchantApi.ts';
import { processorCustomers } from './processorCustomers.ts';
import { sessionCode } from './sessionCode.ts';

const migrations: Record<string, Migration> = {
  '001_initial': initialSchema,
  '002_limits_and_charges': limitsAndCharges,
  '003_checkout_profile': checkoutProfile,
  '004_session_code': sessionCode,
  '005_processor_customers': processorCustomers,
  '006_merchant_api': merchantApi,
  '007_bundle_payments': bundlePayments,
};

/** Brings the schema up to date; safe to run on every start. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Lava Checkout: database migration ${failed?.migrationName ?? ''} failed: ${String(error)}. The database was left at the last good migration; fix the cause and restart.`,
    );
  }
}
