import type { Services } from '../Services.ts';
import { findWebhookOrThrow } from './findWebhookOrThrow.ts';

/** Deletes an endpoint: nothing more is delivered to it. */
export async function deleteWebhook(
  services: Pick<Services, 'db' | 'now'>,
  merchantId: string,
  webhookId: string,
) {
  const webhook = await findWebhookOrThrow(services.db, merchantId, webhookId);
  await services.db
    .updateTable('webhooks')
    .set({ deleted_at: services.now().toISOString() })
    .where('id', '=', webhook.id)
    .execute();
  return webhook;
}
