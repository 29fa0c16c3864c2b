/**
 * Reads a server-sent-events body and calls `onEvent` with each event's name and data.
 * Written for the balance stream (which our service writes): `event:` and `data:` fields,
 * comments and blank-line dispatch, split across chunks anywhere. `eventsource-parser` does the
 * whole format, at a third of the balance's 4 KB first-load budget. Resolves when the body ends.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let event = '';
  let data: string[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const lines = (pending + decoder.decode(read.value, { stream: true })).split(/\r\n|\r|\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) onEvent(event || 'message', data.join('\n'));
        event = '';
        data = [];
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
}
