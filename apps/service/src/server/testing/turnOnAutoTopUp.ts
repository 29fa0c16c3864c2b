import { setAutoTopUp } from '../credits/setAutoTopUp.ts';
import type { TestService } from './startTestService.ts';

/**
 * Turns auto top-up on for a customer of the dev merchant, with the dev plan's bundle named
 * `bundleName`. Returns what `setAutoTopUp` answers.
 */
export async function turnOnAutoTopUp(
  t: TestService,
  customerId: string,
  bundleName = '$25 Top-up',
): ReturnType<typeof setAutoTopUp> {
  const { services } = t.service;
  const bundle = await services.db
    .selectFrom('credit_bundles')
    .select('id')
    .where('name', '=', bundleName)
    .executeTakeFirstOrThrow();
  return setAutoTopUp(services, {
    merchantId: t.devMerchant.merchantId,
    customerId,
    bundleId: bundle.id,
  });
}
