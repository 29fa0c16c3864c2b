import { expect } from 'vitest';

/** Expects `response` to answer `status` with the body `{ error }` and nothing else. */
export async function expectErrorAnswer(
  response: Response,
  status: number,
  error: Record<string, unknown>,
): Promise<void> {
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual({ error });
}
