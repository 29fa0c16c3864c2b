import { ServiceError } from './ServiceError.ts';

/** The row found, or a 404 with `message` (naming `param`, when the id came in a field). */
export function orNotFound<T>(row: T | undefined, message: string, param?: string): T {
  if (row === undefined) throw new ServiceError('not_found', message, param ? { param } : {});
  return row;
}
