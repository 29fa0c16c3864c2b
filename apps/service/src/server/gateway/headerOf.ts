import type { IncomingHttpHeaders } from 'node:http';

/** Request headers as the gateway gets them: the Fetch API's, or Node's (lower-case names). */
export type HeaderSource = Headers | IncomingHttpHeaders;

/** One header's value, `undefined` when absent; a repeated Node header reads as its first value. */
export function headerOf(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
