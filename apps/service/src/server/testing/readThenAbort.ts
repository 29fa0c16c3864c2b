import { expect } from 'vitest';

/**
 * Reads a streamed answer, as an official client hands it over, until `chunks` chunks came,
 * then aborts it through `client`: a client leaving mid-answer. The client ends its iteration
 * quietly or with its abort error (any other error fails the test). Returns the chunks read.
 */
export async function readThenAbort(
  stream: AsyncIterable<unknown>,
  client: AbortController,
  chunks: number,
): Promise<number> {
  let read = 0;
  try {
    for await (const _chunk of stream) {
      read += 1;
      if (read === chunks) {
        client.abort();
        break;
      }
    }
  } catch (error) {
    expect(String(error)).toMatch(/abort/i);
  }
  return read;
}
