import { LavaApiError } from './LavaApiError.ts';

/** Per-call options of the client's POSTs. */
export interface RequestOptions {
  /** Sent as `Idempotency-Key`: a retry with the same key and body gets the first answer. */
  idempotencyKey?: string;
}

/** How resources call the API: method, path relative to the base URL, body or query. */
export type LavaRequest = <T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options?: {
    body?: unknown;
    query?: Record<string, string | number | undefined>;
  } & RequestOptions,
) => Promise<T>;

/** Builds the client's transport: bearer key, JSON both ways, errors as `LavaApiError`. */
export function createLavaRequest(
  secretKey: string,
  baseUrl: string,
  fetchImpl: typeof fetch,
): LavaRequest {
  return async (method, path, options = {}) => {
    const url = new URL(path, baseUrl);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${secretKey}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetchImpl(url, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const error = (data as { error?: { message?: string; code?: string; param?: string } })
        ?.error;
      throw new LavaApiError(
        response.status,
        error?.code ?? 'http_error',
        error?.message ??
          `Lava Checkout: the API answered ${response.status} to ${method} ${url.pathname}. Check the baseUrl, which ends with /v1/.`,
        error?.param,
      );
    }
    return data as never;
  };
}
