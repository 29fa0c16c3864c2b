import { sql } from 'kysely';
import type { Db } from './Database.ts';

/**
 * Serialises transactions about the same subjects (a phone, an IP address) across processes,
 * so a count-then-insert limit holds under concurrency. SQLite already runs one writer at a
 * time, and this service holds one connection to it; PostgreSQL needs transaction-scoped
 * advisory locks, taken in a fixed order so two transactions never wait on each other.
 */
export async function lockSubjects(
  trx: Db,
  dialect: 'sqlite' | 'postgres',
  subjects: string[],
): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const subject of [...new Set(subjects)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${subject}))`.execute(trx);
  }
}
