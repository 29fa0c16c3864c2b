import type { Db } from '../db/Database.ts';

/** The session's latest code while it can still be used (not replaced, not used). */
export function findOpenCode(db: Db, sessionId: string) {
  return db
    .selectFrom('verification_codes')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
}
