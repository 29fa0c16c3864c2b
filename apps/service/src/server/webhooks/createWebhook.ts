import { randomBytes } from 'node:crypto';
import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import { createId } from '../platform/createId.ts';
import type { Tables } from '../platform/db/Database.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { endpointHosts } from './endpointHosts.ts';
import { checkEndpointHost } from './endpointUrl.ts';

/** At most this many endpoints per merchant. */
export const MAX_WEBHOOKS = 3;

/**
 * Adds an endpoint with a new signing secret, once its host resolves to public addresses, unless
 * the merchant has `MAX_WEBHOOKS` already.
 */
export async function createWebhook(
  services: Pick<Services, 'db' | 'dialect' | 'now' | 'production' | 'resolveHost'>,
  merchant: AuthenticatedMerchant,
  input: { name: string; url: string },
): Promise<Tables['webhooks']> {
  await checkEndpointHost(input.url, endpointHosts(services));
  const webhook: Tables['webhooks'] = {
    id: createId(ID_PREFIXES.webhook, merchant.environment),
    merchant_id: merchant.id,
    name: input.name,
    url: input.url,
    secret: `whsec_${randomBytes(32).toString('base64url')}`,
    created_at: services.now().toISOString(),
    deleted_at: null,
  };
  await services.db.transaction().execute(async (trx) => {
    await lockSubjects(trx, services.dialect, [`webhooks:${merchant.id}`]);
    const live = await trx
      .selectFrom('webhooks')
      .select('id')
      .where('merchant_id', '=', merchant.id)
      .where('deleted_at', 'is', null)
      .execute();
    if (live.length >= MAX_WEBHOOKS) {
      throw new ServiceError(
        'too_many_webhooks',
        `Lava Checkout: this account already has ${MAX_WEBHOOKS} webhook endpoints, the most it may have. Delete one (DELETE /v1/webhooks/:id) first.`,
      );
    }
    await trx.insertInto('webhooks').values(webhook).execute();
  });
  return webhook;
}
