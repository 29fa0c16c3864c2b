import type { Stack } from '../scripts/startStack.ts';

/**
 * The merchant's REST API, as its server calls it: the answer's JSON, or an error that names
 * the call and says what the service answered.
 */
export async function merchantApi<T>(
  stack: Pick<Stack, 'checkoutUrl' | 'secretKey'>,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${stack.checkoutUrl}v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.secretKey}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${await response.text()}`);
  return (await response.json()) as T;
}
