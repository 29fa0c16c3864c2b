import { describe, expect, it } from 'vitest';
import { inspectRequest } from './inspectRequest.ts';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('inspectRequest', () => {
  it('reads model, stream and the first output limit a body sets', () => {
    expect(
      inspectRequest(
        '/v1/chat/completions',
        body({ model: 'gpt-4o', stream: true, max_completion_tokens: 300 }),
      ),
    ).toMatchObject({ model: 'gpt-4o', stream: true, maxOutputTokens: 300 });
    expect(
      inspectRequest('/v1/messages', body({ model: 'claude-sonnet-4-5', max_tokens: 1024 })),
    ).toMatchObject({
      stream: false,
      maxOutputTokens: 1024,
    });
    expect(
      inspectRequest('/v1/responses', body({ model: 'gpt-5', max_output_tokens: 64 }))
        .maxOutputTokens,
    ).toBe(64);
  });

  it("reads Gemini's model from the path, its limit from generationConfig, and streaming from the method", () => {
    const facts = inspectRequest(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      body({ contents: [], generationConfig: { maxOutputTokens: 512 } }),
    );
    expect(facts).toMatchObject({ model: 'gemini-2.5-flash', stream: true, maxOutputTokens: 512 });
  });

  it('gives no limit when none is set or it is not a positive whole number, and no JSON for other bodies', () => {
    expect(
      inspectRequest('/v1/chat/completions', body({ max_tokens: -1 })).maxOutputTokens,
    ).toBeNull();
    expect(
      inspectRequest('/v1/chat/completions', body({ max_tokens: '10' })).maxOutputTokens,
    ).toBeNull();
    const form = inspectRequest('/v1/audio/transcriptions', Buffer.from('--boundary\r\n'));
    expect(form).toMatchObject({ json: null, model: null, stream: false, bodyBytes: 12 });
    expect(inspectRequest('/v1/chat/completions', Buffer.from('{"model":')).json).toBeNull();
    expect(inspectRequest('/v1/models', null)).toMatchObject({ json: null, bodyBytes: 0 });
  });
});
