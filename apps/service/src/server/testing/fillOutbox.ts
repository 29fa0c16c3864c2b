import type { Db, Tables } from '../platform/db/Database.ts';

/**
 * Seeds the outbox with any number of webhook events, 500 a statement, for tests and benchmarks;
 * the service writes its events with `webhooks/insertWebhookEvents`, one change at a time.
 */
export async function fillOutbox(
  db: Db,
  events: readonly Tables['webhook_events'][],
): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    await db
      .insertInto('webhook_events')
      .values(events.slice(i, i + 500))
      .execute();
  }
}
