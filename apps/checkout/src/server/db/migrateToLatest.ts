import { type Kysely, type Migration, Migrator } from 'kysely';
import { bundlePayments } from './bundlePayments.ts';
import { checkoutProfile } from './checkoutProfile.ts';
import { customerPhoneOptional } from './customerPhoneOptional.ts';
import { initialSchema } from './initialSchema.ts';
import { limitsAndCharges } from './limitsAndCharges.ts';
import { limitsPerMerchant } from './limitsPerMerchant.ts';
import { merchantApi } from './merchantApi.ts';
import { processorCustomers } from './processorCustomers.ts';
import { sessionCode } from './sessionCode.ts';
import { usageSums } from './usageSums.ts';

/** Every migration, by a name that sorts in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001_initial': initialSchema,
  '002_limits_and_charges': limitsAndCharges,
  '003_checkout_profile': checkoutProfile,
  '004_session_code': sessionCode,
  '005_processor_customers': processorCustomers,
  '006_merchant_api': merchantApi,
  '007_bundle_payments': bundlePayments,
  '008_customer_phone_optional': customerPhoneOptional,
  '009_usage_sums': usageSums,
  '010_limits_per_merchant': limitsPerMerchant,
};

/** Brings the schema up to date; safe to run on every start. Returns the migrations it ran. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Lava Checkout: database migration ${failed?.migrationName ?? ''} failed: ${String(error)}. The database was left at the last good migration; fix the cause and restart.`,
    );
  }
  return (results ?? []).map((result) => result.migrationName);
}
