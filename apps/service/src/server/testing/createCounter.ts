/** A count that tests can wait on: `waitFor(n)` resolves once it has reached `n`. */
export function createCounter() {
  let value = 0;
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    value: () => value,
    add() {
      value += 1;
      waiters = waiters.filter((waiter) => {
        if (value < waiter.count) return true;
        waiter.resolve();
        return false;
      });
    },
    waitFor(count: number): Promise<void> {
      if (value >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}
