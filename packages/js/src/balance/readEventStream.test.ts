import { describe, expect, it } from 'vitest';
import { readEventStream } from './readEventStream.ts';

const bodyOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

async function eventsOf(...chunks: string[]) {
  const events: [string, string][] = [];
  await readEventStream(bodyOf(...chunks), (event, data) => events.push([event, data]));
  return events;
}

describe('readEventStream', () => {
  it('given named events, gives each name and data once its blank line arrives', async () => {
    expect(
      await eventsOf('event: summary\ndata: {"a":1}\n\nevent: summary\ndata: {"a":2}\n\n'),
    ).toEqual([
      ['summary', '{"a":1}'],
      ['summary', '{"a":2}'],
    ]);
  });

  it('given an event split anywhere across chunks, and CRLF lines, gives it whole', async () => {
    expect(await eventsOf('eve', 'nt: summ', 'ary\r\ndata: {"a"', ':1}\r\n', '\r\n')).toEqual([
      ['summary', '{"a":1}'],
    ]);
  });

  it('given comments (heartbeats), several data lines and an unnamed event, reads them as the format says', async () => {
    expect(await eventsOf(': heartbeat\n\ndata:x\ndata: y\n\nevent: summary\n')).toEqual([
      ['message', 'x\ny'],
    ]);
  });
});
