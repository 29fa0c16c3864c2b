/**
 * An object that stands for whatever `current` returns when it is used: a file holds it in a
 * `const` while each test gets a fresh one behind it. Methods are bound to the current one.
 */
export function handleOf<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      const value = Reflect.get(current(), key);
      return typeof value === 'function' ? value.bind(current()) : value;
    },
    set: (_, key, value) => Reflect.set(current(), key, value),
  });
}
