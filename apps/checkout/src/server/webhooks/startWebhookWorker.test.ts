import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/Database.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import { startWebhookWorker } from './startWebhookWorker.ts';
import { webhookEvent } from './webhookEvent.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe.each(DIALECTS)('the webhook worker on %s', (dialect) => {
  it('plans every event written since its last tick, not one batch of them', async () => {
    db = (await openTestDatabase(dialect)).db;
    await storeFixtures(db);
    const at = new Date(Date.parse(AT) + 1000);
    const merchant = { id: 'mer_test_1', environment: 'test' } as const;
    // Less than a second of a busy service: three events for each checkout.
    const events = Array.from({ length: 250 }, (_, i) =>
      webhookEvent('checkout.completed', merchant, at, { checkout_session_id: `cs_${i}` }),
    );
    await db.insertInto('webhook_events').values(events).execute();
    const worker = startWebhookWorker({ db, now: () => at }, { pollMs: 0 });
    await worker.runOnce();
    await worker.stop();
    const waiting = await db
      .selectFrom('webhook_events')
      .select('id')
      .where('dispatched_at', 'is', null)
      .execute();
    expect(waiting).toEqual([]);
  });
});
