import { useCallback, useEffect, useRef } from 'react';

export interface SessionClockOptions {
  /** Until the session is idle, from now; each step the customer takes counts `idleAfterMs` anew. */
  idleInMs: number;
  idleAfterMs: number;
  /** Until the session's 60 minutes are up, from now. */
  expiresInMs: number;
  /** A payment is in flight: the session is not idle, whatever the time. */
  paused: boolean;
  onEnd: (why: 'idle' | 'expired') => void;
}

/**
 * The session's clock, as the service keeps it: the page ends on its own when the session goes
 * idle (15 minutes without a step) or expires, rather than when the customer next clicks.
 * Returns `touch`, for each step the service accepted.
 */
export function useSessionClock({
  idleInMs,
  idleAfterMs,
  expiresInMs,
  paused,
  onEnd,
}: SessionClockOptions): () => void {
  const end = useRef(onEnd);
  end.current = onEnd;
  const idleAt = useRef(Date.now() + idleInMs);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const arm = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => end.current('idle'), Math.max(0, idleAt.current - Date.now()));
  }, []);

  useEffect(() => {
    const expiry = setTimeout(() => end.current('expired'), expiresInMs);
    return () => clearTimeout(expiry);
  }, [expiresInMs]);

  useEffect(() => {
    if (paused) return;
    arm();
    return () => clearTimeout(timer.current);
  }, [paused, arm]);

  return useCallback(() => {
    idleAt.current = Date.now() + idleAfterMs;
    arm();
  }, [idleAfterMs, arm]);
}
