/** Where the service reads the time: one per process, carried in `Services`. */
export interface Clock {
  now(): Date;
}

/** A clock that can be moved forward, for tests and (next) a development route that moves it. */
export interface MovableClock extends Clock {
  /** Moves the time forward by `ms` from now on; the underlying time keeps running. */
  advance(ms: number): void;
}

/**
 * The service's clock: `source` (the system time unless a test hands in its own) plus however
 * far it was moved forward. Moving it is how periodic work that falls due later (a lease that
 * runs out, a cycle that ends) can be made due now, without waiting.
 */
export function createClock(source: () => Date = () => new Date()): MovableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(source().getTime() + offsetMs),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new Error(
          `Lava Checkout: the clock moves only forward, by a finite number of milliseconds; got ${ms}.`,
        );
      }
      offsetMs += ms;
    },
  };
}
