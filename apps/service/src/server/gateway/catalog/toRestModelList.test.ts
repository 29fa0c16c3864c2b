import { createServer } from 'node:http';
import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import { expectPublishedShape } from '../../testing/expectPublishedShape.ts';
import { listenOnLoopback } from '../../testing/listenOnLoopback.ts';
import { MODEL_PRICES } from '../pricing/MODEL_PRICES.ts';
import { toRestModelList } from './toRestModelList.ts';

describe('toRestModelList', () => {
  it("is the published SDK's RestModelList, the answer of models.list", () => {
    const list = toRestModelList();
    expectPublishedShape('RestModelList', list);
    expectPublishedShape('models.list', list);
  });

  it('lists every priced model once per provider, owned by it, created when the prices were taken', () => {
    const { data } = toRestModelList();
    const priced = Object.values(MODEL_PRICES.providers).reduce(
      (n, models) => n + Object.keys(models).length,
      0,
    );
    expect(data).toHaveLength(priced);
    expect(data).toContainEqual({
      id: 'claude-sonnet-4-5',
      object: 'model',
      created: Date.parse(`${MODEL_PRICES.takenOn}T00:00:00Z`) / 1000,
      owned_by: 'anthropic',
    });
    const owners = data.filter((m) => m.id === 'openai/gpt-oss-120b').map((m) => m.owned_by);
    expect(owners).toEqual(['groq', 'together']);
  });

  it('is what lava.models.list() resolves to, served on loopback', async () => {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(toRestModelList()));
    });
    const port = await listenOnLoopback(server);
    try {
      const lava = new Lava('aks_test_models', { baseUrl: `http://127.0.0.1:${port}/v1/` });
      const list = await lava.models.list();
      expect(list).toEqual(toRestModelList());
      expect(asked).toEqual(['GET /v1/models']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
