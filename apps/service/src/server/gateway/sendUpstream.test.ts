import { createServer } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTestResolver } from '../testing/createTestResolver.ts';
import { listenForTest } from '../testing/listenForTest.ts';
import { buildUpstreamRequest } from './buildUpstreamRequest.ts';
import { inspectRequest } from './inspectRequest.ts';
import { readProviderSettings } from './providers/readProviderSettings.ts';
import { readGatewayCredential } from './readGatewayCredential.ts';
import { readGatewayTarget } from './readGatewayTarget.ts';
import { resolveUpstream } from './resolveUpstream.ts';
import { createGatewayDispatchers, sendUpstream } from './sendUpstream.ts';

/** A server on 127.0.0.1 that answers 200 and counts what it received. */
async function listen() {
  const received: string[] = [];
  const server = createServer((req, res) => {
    received.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const port = await listenForTest(server);
  return { port, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const OWN_KEY = Buffer.from(
  JSON.stringify({
    secret_key: 'aks_test_send',
    customer_id: null,
    meter_slug: null,
    provider_key: 'sk-own',
  }),
).toString('base64');

/** A gateway call to `providerUrl` with the caller's own key, sent as the service would. */
async function call(
  providerUrl: string,
  options: { production: boolean; names?: Record<string, string> },
) {
  const dispatchers = createGatewayDispatchers({
    production: options.production,
    resolve: createTestResolver(options.names).resolve,
  });
  onTestFinished(() => dispatchers.close());
  const target = readGatewayTarget(`/v1/forward?u=${encodeURIComponent(providerUrl)}`);
  const credential = readGatewayCredential({ authorization: `Bearer ${OWN_KEY}` });
  if (!target.ok || !credential.ok) throw new Error('the call is malformed');
  const route = resolveUpstream(target.value, credential.value, readProviderSettings({}));
  if (!route.ok) throw new Error(route.problem.message);
  const upstream = buildUpstreamRequest({
    method: 'POST',
    headers: {},
    body: Buffer.from('{}'),
    route: route.value,
    facts: inspectRequest(route.value.url.pathname, null),
    reportUsage: true,
  });
  const sent = await sendUpstream(upstream, route.value, dispatchers);
  if (sent.ok) await sent.value.body.dump();
  return sent;
}

describe('sendUpstream: a URL the caller chose', () => {
  it('reaches a loopback server in development, with the caller key as a bearer', async () => {
    const server = await listen();
    const sent = await call(`http://127.0.0.1:${server.port}/v1/chat/completions`, {
      production: false,
    });
    expect(sent.ok && sent.value.statusCode).toBe(200);
    expect(server.received).toEqual(['POST /v1/chat/completions Bearer sk-own']);
  });

  it('refuses loopback, private and link-local addresses in production, written or behind a name, before connecting', async () => {
    const server = await listen();
    const refused = {
      [`http://127.0.0.1:${server.port}/v1/chat/completions`]: /127\.0\.0\.1 is a loopback address/,
      [`http://llm.example.org:${server.port}/v1/chat/completions`]:
        /llm\.example\.org resolves to 127\.0\.0\.1, a loopback address/,
      'http://intranet.example.org/v1/chat/completions':
        /resolves to 10\.1\.2\.3, a private network address/,
      'http://169.254.169.254/latest/meta-data': /169\.254\.169\.254 is a link-local address/,
      'http://[fe80::1]/v1': /is a link-local address/,
      'http://localhost/v1': /localhost is a name of this machine/,
    };
    for (const [url, reason] of Object.entries(refused)) {
      const sent = await call(url, {
        production: true,
        names: { 'llm.example.org': '127.0.0.1', 'intranet.example.org': '10.1.2.3' },
      });
      expect(sent.ok, url).toBe(false);
      if (!sent.ok) {
        expect(sent.problem).toMatchObject({ code: 'target_not_allowed', status: 403 });
        expect(sent.problem.message).toMatch(reason);
      }
    }
    expect(server.received).toEqual([]);
  });

  it('answers 502 for a provider that cannot be reached', async () => {
    const { port, close } = await listen();
    await close();
    const sent = await call(`http://127.0.0.1:${port}/v1/chat/completions`, { production: false });
    expect(sent.ok).toBe(false);
    if (!sent.ok) {
      expect(sent.problem).toMatchObject({ code: 'upstream_unreachable', status: 502 });
      expect(sent.problem.message).toMatch(
        /127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)/,
      );
    }
  });
});
