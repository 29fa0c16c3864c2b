import { describe, expect, it } from 'vitest';
import { ensureStreamUsage } from './ensureStreamUsage.ts';

const ensure = (text: string) => {
  const body = Buffer.from(text);
  return Buffer.from(ensureStreamUsage(body, JSON.parse(text))).toString();
};

describe('ensureStreamUsage', () => {
  it('inserts stream_options after the opening brace, leaving every other byte as sent', () => {
    const text =
      ' {"model":"gpt-4o-mini", "stream":true,"seed":12345678901234567890123,"messages":[]}';
    const out = ensure(text);
    expect(out).toBe(text.replace('{', '{"stream_options":{"include_usage":true},'));
    expect(JSON.parse(out).stream_options).toEqual({ include_usage: true });
  });

  it("turns the caller's include_usage: false into true, keeping its other options", () => {
    const text =
      '{"stream":true,"stream_options" : {"include_usage":false,"x":[1,{"y":"}"}]},"messages":[{"content":"\\"stream_options\\""}]}';
    expect(ensure(text)).toBe(text.replace('"include_usage":false', '"include_usage":true'));
  });

  it('replaces a null stream_options, and only the last of repeated keys, as JSON.parse reads them', () => {
    expect(JSON.parse(ensure('{"stream":true,"stream_options":null}')).stream_options).toEqual({
      include_usage: true,
    });
    const repeated = ensure(
      '{"stream_options":{"include_usage":true},"stream":true,"stream\\u005foptions":false}',
    );
    expect(repeated).toBe(
      '{"stream_options":{"include_usage":true},"stream":true,"stream\\u005foptions":{"include_usage":true}}',
    );
  });

  it('returns the very same bytes when the body already asks for usage', () => {
    const body = Buffer.from('{"stream":true,"stream_options":{"include_usage":true}}');
    expect(ensureStreamUsage(body, JSON.parse(body.toString()))).toBe(body);
  });
});
