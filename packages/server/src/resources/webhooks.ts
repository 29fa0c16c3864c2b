import type { LavaRequest } from '../LavaRequest.ts';
import type { RestWebhook, RestWebhookCreate } from '../restTypes.ts';
import { verifyWebhook } from '../verifyWebhook.ts';
import { collectionResource } from './collectionResource.ts';

/** `lava.webhooks`: where events go, and `verify()` for what arrives there. */
export function webhooksResource(request: LavaRequest) {
  const webhooks = collectionResource<
    RestWebhook,
    { name: string; url: string },
    { name?: string; url?: string },
    RestWebhookCreate
  >(request, 'webhooks');
  return {
    ...webhooks,
    /** The answer carries `webhook_secret`, shown this once: keep it to verify deliveries. */
    create: webhooks.create,
    verify: verifyWebhook,
  };
}
