/**
 * Iterates a streamed answer of an official client that aborts through the stream itself
 * (Anthropic's), aborting it once `events` events came: a client leaving mid-answer. Settles
 * as the iteration does, which after the abort is with the abort error.
 */
export async function abortAfterEvents(
  stream: AsyncIterable<unknown> & { abort(): void },
  events: number,
): Promise<void> {
  let seen = 0;
  for await (const _event of stream) {
    seen += 1;
    if (seen === events) stream.abort();
  }
}
