import type { Kysely, Migration } from 'kysely';
import { addColumns } from './addColumns.ts';

/**
 * The session's current code lives on the session row: sending one replaces the last (only the
 * latest is valid, with no table to close), and checking it is one read and one write. The
 * table of codes goes: a code in flight when this runs is simply asked for again.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'checkout_sessions', ['code_hash', 'code_expires_at', 'code_sent_at']);
    await addColumns(db, 'checkout_sessions', ['code_attempts'], 'integer', (c) =>
      c.notNull().defaultTo(0),
    );
    await db.schema.dropTable('verification_codes').execute();
  },
};

export default migration;
