import { type Kysely, type Migration, sql } from 'kysely';
import { splitAmount } from '../../money/AmountParts.ts';
import { addColumns } from './addColumns.ts';
import { createIndex } from './createIndex.ts';
import { USAGE_SUM_COLUMNS } from './sharedColumns.ts';

const BACKFILL_BATCH = 1000;

/**
 * Usage summed by the database: each recorded request also keeps its tokens and its charge as
 * whole numbers (see `AmountParts`), which SQLite and PostgreSQL both sum exactly, and the
 * indexes order a merchant's or a customer's requests by time and id, so a summary or a list
 * reads them in bounded slices. Requests recorded before get their numbers here.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'usage_requests', USAGE_SUM_COLUMNS, 'bigint', (c) =>
      c.notNull().defaultTo(0),
    );
    // A batch to a transaction: on SQLite, where migrations run outside one, each write would
    // otherwise wait for a commit of its own.
    const inBatch = <T>(work: (trx: Kysely<unknown>) => Promise<T>) =>
      db.isTransaction ? work(db) : db.transaction().execute(work);
    let after = '';
    for (;;) {
      const rows = await inBatch(async (trx) => {
        const { rows: batch } = await sql<{ id: string; usage: string; charge: string }>`
          select id, usage, charge from usage_requests where id > ${after} order by id limit ${BACKFILL_BATCH}
        `.execute(trx);
        for (const row of batch) {
          const usage = JSON.parse(row.usage) as { input_tokens: number; output_tokens: number };
          const parts = splitAmount(row.charge);
          await sql`
            update usage_requests set
              usage_tokens = ${usage.input_tokens + usage.output_tokens},
              charge_trillions = ${parts.trillions},
              charge_ones = ${parts.ones},
              charge_fraction = ${parts.fraction}
            where id = ${row.id}
          `.execute(trx);
        }
        return batch;
      });
      const last = rows.at(-1);
      if (!last || rows.length < BACKFILL_BATCH) break;
      after = last.id;
    }

    // Replaced by the same columns with the id last: a slice ends at an exact row.
    await db.schema.dropIndex('usage_requests_merchant_created').execute();
    await db.schema.dropIndex('usage_requests_customer_created').execute();
    await createIndex(db, 'usage_requests_merchant_created_id', 'usage_requests', [
      'merchant_id',
      'created_at',
      'id',
    ]);
    await createIndex(db, 'usage_requests_customer_created_id', 'usage_requests', [
      'customer_id',
      'created_at',
      'id',
    ]);
  },
};

export default migration;
