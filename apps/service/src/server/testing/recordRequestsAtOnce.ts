import { expect } from 'vitest';
import { autoTopUpsSettled } from '../credits/startAutoTopUp.ts';
import { merchantApi } from './merchantApi.ts';
import type { TestService } from './startTestService.ts';

/**
 * Records `n` requests of 100,000 tokens (0.30 each on the dev meter) for a customer at once,
 * over HTTP as the dev merchant, each answered 201; then waits for the auto top-ups they set off.
 * Request ids are `<tag>_<i>`.
 */
export async function recordRequestsAtOnce(
  t: TestService,
  customerId: string,
  n: number,
  tag: string,
): Promise<void> {
  const api = merchantApi(t, t.devMerchant.secretKey);
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      api('POST', 'requests', {
        request_id: `${tag}_${i}`,
        customer_id: customerId,
        meter_slug: 'ai-chat-tokens',
        input_tokens: 100_000,
      }),
    ),
  );
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
  await autoTopUpsSettled(t.service.services.db);
}
