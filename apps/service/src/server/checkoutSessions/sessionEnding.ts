import type { Tables } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { SESSION_IDLE_MS } from './limits.ts';

type Session = Pick<Tables['checkout_sessions'], 'status' | 'updated_at' | 'created_at'>;

/** Sessions whose last move is before this are idle (a payment in flight never is). */
export const idleCutoff = (now: Date): string =>
  new Date(now.getTime() - SESSION_IDLE_MS).toISOString();

/** Why a session can no longer be used, if it cannot. */
export function sessionEnding(session: Session, now: Date): 'completed' | 'idle' | null {
  if (session.status === 'completed') return 'completed';
  const lastMoved = session.updated_at ?? session.created_at;
  if (session.status !== 'processing' && lastMoved < idleCutoff(now)) return 'idle';
  return null;
}

/**
 * Throws the error of a session that is completed or idle. A session not recorded yet is
 * neither: nothing happened in it.
 */
export function throwIfEnded(session: Session | undefined, now: Date): void {
  if (!session) return;
  switch (sessionEnding(session, now)) {
    case 'completed':
      throw new ServiceError('session_completed', 'This checkout is already complete.');
    case 'idle':
      throw new ServiceError(
        'session_idle',
        'This checkout timed out after 15 minutes without activity. Start it again.',
      );
    case null:
      return;
    default:
      return;
  }
}
