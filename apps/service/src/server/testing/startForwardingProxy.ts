import { createServer, request } from 'node:http';
import { listenOnLoopback } from './listenOnLoopback.ts';

export interface ForwardingProxy {
  /** The proxy's base URL, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * A reverse proxy on loopback in front of `target`, set up as proxies usually are: it passes
 * each request on with the address it received it from appended to `X-Forwarded-For`, after
 * whatever the client sent there.
 */
export async function startForwardingProxy(target: string): Promise<ForwardingProxy> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const sent = incoming.headers['x-forwarded-for'];
    const peer = incoming.socket.remoteAddress ?? '';
    const forwarded = [...(sent === undefined ? [] : [sent].flat()), peer].join(', ');
    const passed = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host, 'x-forwarded-for': forwarded },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    passed.on('error', () => {
      outgoing.writeHead(502).end();
    });
    incoming.pipe(passed);
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
