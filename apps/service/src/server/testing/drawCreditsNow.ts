import { drawCredits } from '../credits/drawCredits.ts';
import type { TestService } from './startTestService.ts';

/**
 * Uses `amount` (credit units) of a dev merchant customer's credit at the test clock's now, as
 * a billed request would, in a transaction of its own.
 */
export function drawCreditsNow(t: TestService, customerId: string, amount: bigint) {
  return t.service.services.db.transaction().execute((trx) =>
    drawCredits(trx, {
      merchant: { id: t.devMerchant.merchantId, environment: 'test' },
      customerId,
      amount,
      requestId: null,
      at: new Date(t.clock.now),
    }),
  );
}
