import type { WebhookEventType } from '@lava-checkout/server';
import type { Db, Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

type Row = Tables['webhook_events'];
type Params = Record<string, Row[keyof Row]>;

const insertOf = (count: number) =>
  prepareQuery((db, param: Param<Params>) =>
    db.insertInto('webhook_events').values(
      Array.from({ length: count }, (_, i) => ({
        id: param(`id${i}`) as string,
        merchant_id: param(`merchant_id${i}`) as string,
        type: param(`type${i}`) as WebhookEventType,
        payload: param(`payload${i}`) as string,
        created_at: param(`created_at${i}`) as string,
        dispatched_at: param(`dispatched_at${i}`),
      })),
    ),
  );

/** The outbox insert for each number of rows a change writes, prepared on first use. */
const inserts = new Map<number, ReturnType<typeof insertOf>>();

/**
 * Writes events to the outbox in one statement, in the caller's transaction: the change and the
 * events announcing it commit together. The statement for each number of events is prepared
 * once (see `prepareQuery`); a checkout writes one to three.
 */
export async function insertWebhookEvents(db: Db, events: readonly Row[]): Promise<void> {
  if (events.length === 0) return;
  let insert = inserts.get(events.length);
  if (!insert) {
    insert = insertOf(events.length);
    inserts.set(events.length, insert);
  }
  const params: Params = {};
  events.forEach((event, i) => {
    params[`id${i}`] = event.id;
    params[`merchant_id${i}`] = event.merchant_id;
    params[`type${i}`] = event.type;
    params[`payload${i}`] = event.payload;
    params[`created_at${i}`] = event.created_at;
    params[`dispatched_at${i}`] = event.dispatched_at;
  });
  await insert(db, params);
}
