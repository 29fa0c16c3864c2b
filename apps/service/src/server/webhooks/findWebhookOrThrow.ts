import type { Db } from '../platform/db/Database.ts';
import { liveRowOf } from '../platform/db/liveRowsOf.ts';
import { orNotFound } from '../platform/orNotFound.ts';

/** A webhook endpoint of the merchant, or a 404. */
export async function findWebhookOrThrow(db: Db, merchantId: string, webhookId: string) {
  return orNotFound(
    await liveRowOf(db, 'webhooks', merchantId, webhookId),
    `Lava Checkout: no webhook ${webhookId} in this account. Use a webhook_id from GET /v1/webhooks.`,
  );
}
