import type { WebhookEventType } from '@lava-checkout/server';
import type { TestService } from './startTestService.ts';

/** The data of each webhook event of `type` a test service has written, oldest first. */
export async function webhookEventsOf(
  t: TestService,
  type: WebhookEventType,
): Promise<Record<string, unknown>[]> {
  const rows = await t.service.services.db
    .selectFrom('webhook_events')
    .select('payload')
    .where('type', '=', type)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => JSON.parse(row.payload).data as Record<string, unknown>);
}
