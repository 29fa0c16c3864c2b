import { expect } from 'vitest';
import type { MerchantApi } from './merchantApi.ts';

/** Expects the REST API to refuse a GET of `path`, naming `param` as the one at fault. */
export async function expectQueryRefused(
  api: MerchantApi,
  path: string,
  param: string,
): Promise<void> {
  const answer = await api('GET', path);
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.body).toMatchObject({ error: { param } });
}
