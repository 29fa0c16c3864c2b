/**
 * The fields of a change that are given: an update's `{ name: undefined }` leaves the column as
 * it is, while `null` clears it.
 */
export function definedOf<T extends Record<string, unknown>>(
  change: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
