import { definedOf } from '../platform/definedOf.ts';
import type { Services } from '../Services.ts';
import { endpointHosts } from './endpointHosts.ts';
import { checkEndpointHost } from './endpointUrl.ts';
import { findWebhookOrThrow } from './findWebhookOrThrow.ts';

/** Renames an endpoint or moves it to another URL (checked as a new one is), and returns it. */
export async function updateWebhook(
  services: Pick<Services, 'db' | 'production' | 'resolveHost'>,
  merchantId: string,
  webhookId: string,
  input: { name?: string | undefined; url?: string | undefined },
) {
  const { db } = services;
  const webhook = await findWebhookOrThrow(db, merchantId, webhookId);
  if (input.url !== undefined) await checkEndpointHost(input.url, endpointHosts(services));
  const changes = definedOf({ name: input.name, url: input.url });
  if (Object.keys(changes).length > 0) {
    await db.updateTable('webhooks').set(changes).where('id', '=', webhook.id).execute();
  }
  return { ...webhook, ...changes };
}
