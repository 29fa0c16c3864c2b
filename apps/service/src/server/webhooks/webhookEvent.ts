import { type Environment, ID_PREFIXES } from '@lava-checkout/protocol';
import type { WebhookEvent, WebhookEventType } from '@lava-checkout/server';
import { createId } from '../platform/createId.ts';
import type { Tables } from '../platform/db/Database.ts';

/**
 * An outbox row: the event's id, type and the exact body every delivery of it sends,
 * `{ id, event, created_at, data }`. Written in the transaction of the change it announces,
 * so an event exists exactly when its change does.
 */
export function webhookEvent(
  type: WebhookEventType,
  merchant: { id: string; environment: Environment },
  at: Date,
  // The service always sends a whole customer; tests and benchmarks send less.
  data: Partial<WebhookEvent['data']>,
): Tables['webhook_events'] {
  const id = createId(ID_PREFIXES.webhookEvent, merchant.environment);
  const created_at = at.toISOString();
  return {
    id,
    merchant_id: merchant.id,
    type,
    payload: JSON.stringify({ id, event: type, created_at, data }),
    created_at,
    dispatched_at: null,
  };
}
