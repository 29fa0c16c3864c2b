import type { RestWebhook } from '@lava-checkout/server';
import type { Tables } from '../platform/db/Database.ts';

/** A webhook endpoint in the REST API's `RestWebhook` shape: its secret is never shown again. */
export const toRestWebhook = (webhook: Tables['webhooks']) =>
  ({
    webhook_id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    created_at: webhook.created_at,
  }) satisfies RestWebhook;
