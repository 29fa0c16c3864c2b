import type { Clock } from '../Clock.ts';

/** A clock that stands still until `advance()` moves it, running the timers that fall due. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A clock for stories and tests: time passes only when they say so. */
export function createManualClock(start = Date.parse('2026-11-22T12:00:00.000Z')): ManualClock {
  let now = start;
  let ids = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout(run, ms) {
      ids += 1;
      timers.set(ids, { at: now + Math.max(0, ms), run });
      return ids;
    },
    clearTimeout: (id) => void timers.delete(id),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        // The earliest timer due by the end, in the order they would have run.
        let next: [number, { at: number; run: () => void }] | undefined;
        for (const entry of timers)
          if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].run();
      }
      now = end;
    },
  };
}
