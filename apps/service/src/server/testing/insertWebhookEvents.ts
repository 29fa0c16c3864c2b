import type { Db, Tables } from '../platform/db/Database.ts';

/** Writes webhook events straight into the outbox, 500 a statement, however many there are. */
export async function insertWebhookEvents(
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
