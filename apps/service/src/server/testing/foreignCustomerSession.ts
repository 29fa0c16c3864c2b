import { createCustomerSession } from '@lava-checkout/server';
import { otherMerchant } from './merchantApi.ts';
import { TEST_ORIGIN, type TestService } from './startTestService.ts';

/**
 * A customer session signed with the dev merchant's key for a customer of another merchant on
 * the same service: well formed, and for a customer that is not the signer's.
 */
export async function foreignCustomerSession(
  t: TestService,
): ReturnType<typeof createCustomerSession> {
  const other = await otherMerchant(t);
  const theirs = await other.api<{ customer_id: string }>('POST', 'customers', {
    reference_id: 'theirs',
  });
  return createCustomerSession(
    { customer_id: theirs.body.customer_id, origin_url: TEST_ORIGIN },
    { secretKey: t.devMerchant.secretKey, checkoutUrl: t.service.url, now: () => t.clock.now },
  );
}
