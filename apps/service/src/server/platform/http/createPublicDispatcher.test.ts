import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTestResolver } from '../../testing/createTestResolver.ts';
import { listenForTest } from '../../testing/listenForTest.ts';
import { selfSignedCertificate } from '../../testing/selfSignedCertificate.ts';
import { createPublicDispatcher } from './createPublicDispatcher.ts';

interface Seen {
  host: string | undefined;
  servername: string | undefined;
}

/** A server on 127.0.0.1 that counts the connections made to it and keeps each request's Host. */
async function listen(server: Server, answer: (response: ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  server.on('request', (req: IncomingMessage, response: ServerResponse) => {
    seen.push({
      host: req.headers.host,
      servername: (req.socket as TLSSocket).servername || undefined,
    });
    answer(response);
  });
  const port = await listenForTest(server);
  return { port, seen, connections: () => connections };
}

const ok = (response: ServerResponse) => response.writeHead(204).end();

function dispatcher(...args: Parameters<typeof createPublicDispatcher>) {
  const agent = createPublicDispatcher(...args);
  onTestFinished(() => agent.destroy());
  return agent;
}

describe('createPublicDispatcher', () => {
  it('connects to the address the name resolved to, resolving it once per connection, and sends the name as Host', async () => {
    const server = await listen(createServer(), ok);
    const resolver = createTestResolver({ 'hooks.example.org': '127.0.0.1' });
    const agent = dispatcher({ allowLoopback: true, resolve: resolver.resolve });
    for (let i = 0; i < 3; i++) {
      const response = await request(`http://hooks.example.org:${server.port}/hook`, {
        dispatcher: agent,
      });
      await response.body.dump();
      expect(response.statusCode).toBe(204);
    }
    expect(server.seen.map((s) => s.host)).toEqual(
      Array(3).fill(`hooks.example.org:${server.port}`),
    );
    // Each connection it made (they are kept alive, so fewer than the requests may do) asked
    // the resolver once.
    expect(server.connections()).toBeGreaterThan(0);
    expect(resolver.asked).toEqual(Array(server.connections()).fill('hooks.example.org'));
  });

  it('refuses loopback when not allowed, before connecting: written literally, mapped into IPv6, as localhost. or behind a name', async () => {
    const server = await listen(createServer(), ok);
    const resolver = createTestResolver({ 'hooks.example.org': '127.0.0.1' });
    const agent = dispatcher({ allowLoopback: false, resolve: resolver.resolve });
    const refusals: Record<string, string> = {
      [`http://127.0.0.1:${server.port}/`]: '127.0.0.1 is a loopback address (this machine)',
      [`http://[::ffff:127.0.0.1]:${server.port}/`]: '::ffff:7f00:1 is an IPv4-mapped IPv6 address',
      [`http://localhost.:${server.port}/`]: 'localhost. is a name of this machine',
      [`http://hooks.example.org:${server.port}/`]:
        'hooks.example.org resolves to 127.0.0.1, a loopback address (this machine)',
    };
    for (const [url, message] of Object.entries(refusals)) {
      await expect(request(url, { dispatcher: agent })).rejects.toMatchObject({
        code: 'ERR_NOT_PUBLIC_HOST',
        message,
      });
    }
    expect(server.connections()).toBe(0);
  });

  it('checks every new connection again: a name that now resolves to a private address is refused', async () => {
    // The server closes each connection, so each request makes a new one.
    const server = await listen(createServer(), (response) =>
      response.writeHead(204, { connection: 'close' }).end(),
    );
    const resolver = createTestResolver({ 'hooks.example.org': '127.0.0.1' });
    const agent = dispatcher({ allowLoopback: true, resolve: resolver.resolve });
    const url = `http://hooks.example.org:${server.port}/`;
    await (await request(url, { dispatcher: agent })).body.dump();
    resolver.set('hooks.example.org', '10.1.2.3');
    await expect(request(url, { dispatcher: agent })).rejects.toThrow(
      'hooks.example.org resolves to 10.1.2.3, a private network address',
    );
    expect(server.connections()).toBe(1);
  });

  it('keeps TLS on the name: the server is asked for it (SNI), and its certificate must be for it', async () => {
    const certificate = selfSignedCertificate('hooks.example.org');
    const server = await listen(createHttpsServer(certificate), ok);
    const resolver = createTestResolver({
      'hooks.example.org': '127.0.0.1',
      'other.example.org': '127.0.0.1',
    });
    const agent = dispatcher(
      { allowLoopback: true, resolve: resolver.resolve },
      { ca: certificate.cert },
    );
    const response = await request(`https://hooks.example.org:${server.port}/`, {
      dispatcher: agent,
    });
    await response.body.dump();
    expect(response.statusCode).toBe(204);
    expect(server.seen).toEqual([
      { host: `hooks.example.org:${server.port}`, servername: 'hooks.example.org' },
    ]);
    // The same server and address under a name its certificate is not for.
    await expect(
      request(`https://other.example.org:${server.port}/`, { dispatcher: agent }),
    ).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(server.seen).toHaveLength(1);
  });
});
