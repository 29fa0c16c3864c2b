/** An answer of the service: its status and parsed JSON body (`null` when it was not JSON). */
export interface ServiceAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** How the MCP server reaches a Lava Checkout service. */
export interface ServiceClient {
  /** The service's base URL, ending in `/`. */
  baseUrl: string;
  /** Sends a request to a path of the service (`agent/catalog`, `v1/forward?u=…`). */
  send(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<ServiceAnswer>;
}

/**
 * A client for the service at `baseUrl`, over `fetch` (the global one unless given: the
 * service's own `/mcp` passes one that answers in-process).
 */
export function createServiceClient(
  baseUrl: string,
  fetchImpl: (request: Request) => Promise<Response> = (request) => fetch(request),
): ServiceClient {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    baseUrl: base,
    async send(path, init = {}) {
      const response = await fetchImpl(
        new Request(new URL(path, base), {
          method: init.method ?? 'GET',
          headers: init.headers ?? {},
          ...(init.body === undefined ? {} : { body: init.body }),
        }),
      );
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {}
      return { status: response.status, headers: response.headers, body };
    },
  };
}
