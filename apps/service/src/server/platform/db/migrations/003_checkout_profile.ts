import type { Kysely, Migration } from 'kysely';
import { addColumns } from './addColumns.ts';

/**
 * What the checkout shows of a merchant besides its name (a logo, links to its terms and
 * privacy pages), and when each session last moved, for the 15-minute idle limit.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'merchants', ['logo_url', 'terms_url', 'privacy_url']);
    await db.schema.alterTable('checkout_sessions').addColumn('updated_at', 'text').execute();
  },
};

export default migration;
