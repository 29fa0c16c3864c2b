import { useCallback, useEffect, useReducer, useState } from 'react';
import type { Clock } from './Clock.ts';

/**
 * A wait, in whole seconds left, that counts down once a second by `clock`: returns the seconds
 * left (0 once it is over) and `start(seconds)`, which begins a new wait.
 */
export function useCountdown(
  clock: Clock,
  initialSeconds = 0,
): [left: number, start: (seconds: number) => void] {
  const [until, setUntil] = useState(() => clock.now() + initialSeconds * 1000);
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const left = Math.max(0, Math.ceil((until - clock.now()) / 1000));
  useEffect(() => {
    if (left === 0) return;
    // Wake when the number shown changes, not on a fixed beat that would drift from it; at once
    // if it changed before this effect ran.
    const changesIn = until - clock.now() - (left - 1) * 1000;
    if (changesIn <= 0) return tick();
    const id = clock.setTimeout(tick, changesIn);
    return () => clock.clearTimeout(id);
  }, [clock, until, left]);
  const start = useCallback((seconds: number) => setUntil(clock.now() + seconds * 1000), [clock]);
  return [left, start];
}
