/** One value and who listens to it. */
export interface Store<T> {
  getState(): T;
  setState(next: T): void;
  subscribe(listener: (state: T) => void): () => void;
}

/**
 * The part of a zustand vanilla store that a checkout uses (replace the state, notify), in a
 * few lines: every merchant page loads this code, and zustand's generality cost a tenth of
 * the script tag's size budget.
 */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<(state: T) => void>();
  return {
    getState: () => state,
    setState(next) {
      state = next;
      for (const listener of listeners) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
