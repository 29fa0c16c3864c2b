import { createId } from '../platform/createId.ts';
import type { Tables, WebhookEventType } from '../platform/db/Database.ts';

/**
 * An outbox row: the event's id, type and the exact body every delivery of it sends,
 * `{ id, event, created_at, data }`. Written in the transaction of the change it announces,
 * so an event exists exactly when its change does.
 */
export function webhookEvent(
  type: WebhookEventType,
  merchant: { id: string; environment: 'test' | 'live' },
  at: Date,
  data: Record<string, unknown>,
): Tables['webhook_events'] {
  const id = createId('evt', merchant.environment);
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
