import { randomUUID } from 'node:crypto';
import type { LavaMcpSession } from '@lava-checkout/mcp';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { authenticateMerchant } from '../merchants/authenticateMerchant.ts';
import type { Services } from '../Services.ts';
import { findSpendKey } from '../spendKeys/findSpendKey.ts';

/** Sessions idle longer than this are dropped (their state is a key and a pending sign-in). */
const SESSION_IDLE_MS = 60 * 60 * 1000;

interface OpenSession {
  transport: WebStandardStreamableHTTPServerTransport;
  state: LavaMcpSession;
  usedAt: number;
}

/**
 * The MCP server over Streamable HTTP at `/mcp`, and the protected-resource metadata (RFC 9728)
 * that tells remote clients to send a spend key as bearer token. Each MCP session keeps its key
 * (the bearer's, or the one `login` got) in this process's memory: run one process, or route a
 * session to the process that holds it. The tools reach the service in-process through
 * `dispatch`, over the same HTTP API the stdio package uses.
 */
export function mcpRoutes(
  services: Services,
  dispatch: (request: Request) => Promise<Response>,
): Hono {
  const app = new Hono();
  const sessions = new Map<string, OpenSession>();
  const resource = new URL('mcp', services.publicUrl).href;
  const metadataUrl = new URL('.well-known/oauth-protected-resource/mcp', services.publicUrl).href;

  const metadata = {
    resource,
    bearer_methods_supported: ['header'],
    resource_name: 'Lava Checkout MCP',
    resource_documentation: new URL('sign-in', services.publicUrl).href,
    authorization_servers: [],
  };
  app.get('/.well-known/oauth-protected-resource', (c) => c.json(metadata));
  app.get('/.well-known/oauth-protected-resource/mcp', (c) => c.json(metadata));

  /** The bearer's key when it is one this service issued and still takes; a 401 otherwise. */
  const readBearer = async (authorization: string | undefined) => {
    if (authorization === undefined) return { ok: true as const, key: null };
    const key = /^Bearer (\S+)$/i.exec(authorization)?.[1] ?? '';
    try {
      if (key.startsWith('aks_'))
        await authenticateMerchant(services.db, authorization, services.now());
      else await findSpendKey(services.db, authorization, services.now());
      return { ok: true as const, key };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  };

  app.all('/mcp', async (c) => {
    const bearer = await readBearer(c.req.header('authorization'));
    if (!bearer.ok) {
      c.header(
        'WWW-Authenticate',
        `Bearer resource_metadata="${metadataUrl}", error="invalid_token"`,
      );
      return c.json({ error: { message: bearer.message, code: 'invalid_api_key' } }, 401);
    }
    const now = Date.now();
    for (const [id, open] of sessions) {
      if (now - open.usedAt > SESSION_IDLE_MS) {
        sessions.delete(id);
        void open.transport.close();
      }
    }
    const sessionId = c.req.header('mcp-session-id');
    let open = sessionId ? sessions.get(sessionId) : undefined;
    if (sessionId && !open) {
      return c.json(
        {
          jsonrpc: '2.0',
          error: {
            code: -32001,
            message: 'Lava Checkout: unknown or expired MCP session. Connect again (initialize).',
          },
          id: null,
        },
        404,
      );
    }
    if (!open) {
      // The MCP SDK is loaded by the first session, not by every start of the service.
      const [
        { createLavaMcpServer, createServiceClient },
        { WebStandardStreamableHTTPServerTransport },
      ] = await Promise.all([
        import('@lava-checkout/mcp'),
        import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
      ]);
      const state: LavaMcpSession = { credential: bearer.key, signIn: null };
      const transport: WebStandardStreamableHTTPServerTransport =
        new WebStandardStreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => {
            sessions.set(id, created);
          },
          onsessionclosed: (id) => {
            sessions.delete(id);
          },
        });
      const created: OpenSession = { transport, state, usedAt: now };
      open = created;
      const server = createLavaMcpServer({
        service: createServiceClient(services.publicUrl, dispatch),
        session: state,
      });
      await server.connect(transport);
    }
    open.usedAt = now;
    if (bearer.key) open.state.credential = bearer.key;
    return open.transport.handleRequest(c.req.raw);
  });

  return app;
}
