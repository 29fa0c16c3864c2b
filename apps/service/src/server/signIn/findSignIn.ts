import type { Db, Tables } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/** A pending sign-in that has not expired, or the error saying to start again. */
export async function findSignIn(db: Db, id: string, now: Date): Promise<Tables['sign_ins']> {
  const row = await db.selectFrom('sign_ins').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) {
    throw new ServiceError(
      'session_expired',
      'This sign-in link has expired or is not valid. Ask your agent to run login again.',
    );
  }
  if (row.status !== 'pending') {
    throw new ServiceError(
      'session_completed',
      'You are signed in already. Go back to your agent; you can close this page.',
    );
  }
  return row;
}
