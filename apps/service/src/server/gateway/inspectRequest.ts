/** What the gateway reads of a call's body: enough to route, estimate and ask for usage. */
export interface RequestFacts {
  /** The body as JSON, when it is a JSON object; `null` otherwise. */
  json: Record<string, unknown> | null;
  /** `model` of the body, or of a Gemini path (`/models/<model>:generateContent`). */
  model: string | null;
  /** Whether the answer will be streamed: `stream: true`, or Gemini's `:streamGenerateContent`. */
  stream: boolean;
  /**
   * The most output the call allows: `max_tokens`, `max_completion_tokens`, `max_output_tokens`
   * or `generationConfig.maxOutputTokens`, whichever comes first; `null` when it sets none.
   */
  maxOutputTokens: number | null;
  /** The body's size in bytes. */
  bodyBytes: number;
}

const GEMINI_MODEL = /\/models\/([^/:]+):(?:generateContent|streamGenerateContent)$/;
const OUTPUT_LIMITS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens'] as const;

const positiveInteger = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

/**
 * Reads a call's model, whether it streams and its output limit, parsing a JSON body once.
 * A body that is not a JSON object (a form, audio) gives `json: null` and no limit.
 */
export function inspectRequest(pathname: string, body: Uint8Array | null): RequestFacts {
  const bodyBytes = body?.byteLength ?? 0;
  let json: Record<string, unknown> | null = null;
  // Only `{`, possibly after whitespace, can start a JSON object.
  if (body && bodyBytes > 0) {
    let i = 0;
    while (i < bodyBytes && (body[i] === 32 || body[i] === 10 || body[i] === 13 || body[i] === 9))
      i++;
    if (body[i] === 123) {
      try {
        const parsed: unknown = JSON.parse(
          Buffer.from(body.buffer, body.byteOffset, bodyBytes).toString('utf8'),
        );
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          json = parsed as Record<string, unknown>;
        }
      } catch {
        json = null;
      }
    }
  }
  const gemini = GEMINI_MODEL.exec(pathname);
  const model = typeof json?.model === 'string' ? json.model : (gemini?.[1] ?? null);
  let maxOutputTokens: number | null = null;
  for (const name of OUTPUT_LIMITS) {
    maxOutputTokens ??= positiveInteger(json?.[name]);
  }
  const generation = json?.generationConfig;
  if (generation && typeof generation === 'object') {
    maxOutputTokens ??= positiveInteger((generation as Record<string, unknown>).maxOutputTokens);
  }
  return {
    json,
    model,
    stream: json?.stream === true || pathname.endsWith(':streamGenerateContent'),
    maxOutputTokens,
    bodyBytes,
  };
}
