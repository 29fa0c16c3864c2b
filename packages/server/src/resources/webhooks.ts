import type { LavaRequest, RequestOptions } from '../LavaRequest.ts';
import type {
  DeletedResponse,
  ListResponse,
  PaginationParams,
  RestWebhook,
  RestWebhookCreate,
} from '../restTypes.ts';
import { verifyWebhook } from '../verifyWebhook.ts';

/** `lava.webhooks`: where events go, and `verify()` for what arrives there. */
export function webhooksResource(request: LavaRequest) {
  const path = (id: string) => `webhooks/${encodeURIComponent(id)}`;
  return {
    list: (params: PaginationParams = {}) =>
      request<ListResponse<RestWebhook>>('GET', 'webhooks', { query: { ...params } }),
    retrieve: (id: string) => request<RestWebhook>('GET', path(id)),
    /** The answer carries `webhook_secret`, shown this once: keep it to verify deliveries. */
    create: (params: { name: string; url: string }, options?: RequestOptions) =>
      request<RestWebhookCreate>('POST', 'webhooks', { body: params, ...options }),
    update: (id: string, params: { name?: string; url?: string }) =>
      request<RestWebhook>('PATCH', path(id), { body: params }),
    delete: (id: string) => request<DeletedResponse>('DELETE', path(id)),
    verify: verifyWebhook,
  };
}
