import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestResolver, PUBLIC_TEST_ADDRESS } from '../../testing/createTestResolver.ts';
import { type MerchantApi, merchantApi, merchantApiEachTest } from '../../testing/merchantApi.ts';
import { seedLiveMerchant } from '../../testing/seedLiveMerchant.ts';
import { startTestService, type TestService } from '../../testing/startTestService.ts';
import { startWebhookReceiver } from '../../testing/webhookReceiver.ts';

describe('/v1/webhooks', () => {
  const { t, api } = merchantApiEachTest();

  it('creates an endpoint (201, the secret shown once), reads, renames, moves and deletes it', async () => {
    const created = await api<{ webhook_id: string }>('POST', 'webhooks', {
      name: 'Orders',
      url: 'https://example.com/lava',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      webhook_id: expect.stringMatching(/^wh_test_[0-9A-Z]{26}$/),
      name: 'Orders',
      url: 'https://example.com/lava',
      webhook_secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
      created_at: '2026-11-22T12:00:00.000Z',
    });
    const path = `webhooks/${created.body.webhook_id}`;
    const { webhook_secret: _, ...shown } = created.body as Record<string, unknown>;
    expect((await api('GET', path)).body).toEqual(shown);
    expect((await api('GET', 'webhooks')).body).toEqual({ data: [shown], has_more: false });
    expect(
      (await api('PATCH', path, { name: 'All', url: 'http://127.0.0.1:9000/hook' })).body,
    ).toEqual({
      ...shown,
      name: 'All',
      url: 'http://127.0.0.1:9000/hook',
    });
    expect((await api('DELETE', path)).body).toEqual({
      id: created.body.webhook_id,
      deleted: true,
    });
    expect((await api('GET', path)).status).toBe(404);
  });

  it('allows at most 3 endpoints, then 400 until one is deleted', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(
        String(
          (await api('POST', 'webhooks', { name: `W${n}`, url: `https://example.com/${n}` })).body
            .webhook_id,
        ),
      );
    }
    expect(
      await api('POST', 'webhooks', { name: 'W4', url: 'https://example.com/4' }),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'too_many_webhooks' } },
    });
    await api('DELETE', `webhooks/${ids[0]}`);
    expect(
      (await api('POST', 'webhooks', { name: 'W4', url: 'https://example.com/4' })).status,
    ).toBe(201);
  });

  it.each([
    ['name', { url: 'https://example.com/a' }],
    ['url', { name: 'A' }],
    ['url', { name: 'A', url: 'http://example.com/hook' }],
    ['url', { name: 'A', url: 'ftp://example.com/hook' }],
    ['url', { name: 'A', url: 'https://user:pass@example.com/hook' }],
    ['url', { name: 'A', url: 'not a url' }],
    ['events', { name: 'A', url: 'https://example.com/a', events: ['*'] }],
  ])('refuses a bad %s, naming it, and makes nothing', async (param, body) => {
    expect(await api('POST', 'webhooks', body)).toMatchObject({
      status: 400,
      body: { error: { param } },
    });
    expect(t.rows('webhooks')).toHaveLength(0);
  });

  it('refuses a bad url in an update, and changes nothing', async () => {
    const { body } = await api<{ webhook_id: string }>('POST', 'webhooks', {
      name: 'A',
      url: 'https://example.com/a',
    });
    expect(
      await api('PATCH', `webhooks/${body.webhook_id}`, { url: 'http://example.com' }),
    ).toMatchObject({
      status: 400,
      body: { error: { param: 'url' } },
    });
    expect((await api('GET', `webhooks/${body.webhook_id}`)).body).toMatchObject({
      url: 'https://example.com/a',
    });
  });
});

describe('/v1/webhooks in production', () => {
  let t: TestService;
  let resolver: ReturnType<typeof createTestResolver>;
  let live: MerchantApi;
  beforeEach(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    const { secretKey } = await seedLiveMerchant(dataDir);
    resolver = createTestResolver({ 'hooks.example.org': '127.0.0.1' });
    t = await startTestService({
      dataDir,
      config: { production: true },
      parts: { resolveHost: resolver.resolve },
    });
    live = merchantApi(t, secretKey);
  });
  afterEach(async () => {
    await t.close();
  });

  it.each([
    ['https://[::ffff:127.0.0.1]:4001/', 'its host ::ffff:7f00:1 is an IPv4-mapped IPv6 address'],
    [
      'https://[::ffff:169.254.169.254]/',
      'its host ::ffff:a9fe:a9fe is an IPv4-mapped IPv6 address',
    ],
    ['https://100.64.0.1/', 'its host 100.64.0.1 is a shared address (100.64.0.0/10)'],
    [
      'https://metadata.google.internal/',
      'its host metadata.google.internal is a name under .internal, which is never public',
    ],
    ['https://localhost./', 'its host localhost. is a name of this machine'],
    [
      'https://hooks.example.org/lava',
      'hooks.example.org resolves to 127.0.0.1, a loopback address (this machine)',
    ],
    ['https://127.0.0.1/', 'its host 127.0.0.1 is a loopback address (this machine)'],
  ])('refuses %s as an endpoint, saying why, and stores nothing', async (url, why) => {
    const created = await live('POST', 'webhooks', { name: 'Internal', url });
    expect(created).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', param: 'url' } },
    });
    expect((created.body as { error: { message: string } }).error.message).toContain(
      `url is invalid: ${why}, not a public host`,
    );
    expect(t.rows('webhooks')).toHaveLength(0);
  });

  it('takes a name that resolves to a public address, and refuses to move it to one that does not', async () => {
    const created = await live<{ webhook_id: string }>('POST', 'webhooks', {
      name: 'Orders',
      url: 'https://hooks.example.com/lava',
    });
    expect(created.status).toBe(201);
    const moved = await live('PATCH', `webhooks/${created.body.webhook_id}`, {
      url: 'https://hooks.example.org/lava',
    });
    expect(moved).toMatchObject({ status: 400, body: { error: { param: 'url' } } });
    expect(t.rows('webhooks')).toMatchObject([{ url: 'https://hooks.example.com/lava' }]);
  });

  it('refuses at delivery an endpoint whose name has turned to loopback since it was registered', async () => {
    const receiver = await startWebhookReceiver();
    try {
      resolver.set('hooks.example.net', PUBLIC_TEST_ADDRESS);
      const url = `https://hooks.example.net:${receiver.port}/hook`;
      expect((await live('POST', 'webhooks', { name: 'Orders', url })).status).toBe(201);
      resolver.set('hooks.example.net', '127.0.0.1');
      expect((await live('POST', 'customers', { email: 'a@example.com' })).status).toBe(201);
      await t.service.webhooks.runOnce();
      expect(receiver.connections()).toBe(0);
      expect(t.rows('webhook_deliveries')).toMatchObject([
        {
          attempts: 1,
          delivered_at: null,
          last_error: 'hooks.example.net resolves to 127.0.0.1, a loopback address (this machine)',
        },
      ]);
    } finally {
      await receiver.close();
    }
  });
});
