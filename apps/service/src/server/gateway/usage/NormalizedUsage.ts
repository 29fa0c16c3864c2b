/**
 * A call's usage, the same whatever the provider: tokens by what they are billed as. Input
 * counts only the tokens billed at the input rate: cached tokens a provider includes in its
 * prompt count (OpenAI, Gemini) are moved to `cacheReadTokens`.
 */
export interface NormalizedUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input read from the provider's prompt cache, billed at its cache-read rate. */
  cacheReadTokens: number;
  /** Input written to the provider's prompt cache (Anthropic), billed at its cache-write rate. */
  cacheWriteTokens: number;
  /** The model the provider says answered, or `null` when it did not say. */
  model: string | null;
  /** The provider's id for its answer (`chatcmpl-…`, `msg_…`, `resp_…`), or `null`. */
  responseId: string | null;
}

type Json = Record<string, unknown>;

/** `value[key]` when `value` is an object, else `undefined`. */
export const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;

/** A count a provider reported: a whole number of at least 0, else 0. */
export const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Usage from a provider whose input count includes the cached tokens (OpenAI, Gemini): those
 * are moved out of input to `cacheReadTokens` (never more than the input), and nothing is
 * written to a cache.
 */
const cachedInsideInput = (
  counts: { input: number; cached: number; output: number },
  model: unknown,
  responseId: unknown,
): NormalizedUsage => {
  const cached = Math.min(counts.input, counts.cached);
  return {
    inputTokens: counts.input - cached,
    outputTokens: counts.output,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    model: text(model),
    responseId: text(responseId),
  };
};

/**
 * The usage of an OpenAI chat completion, completion or embedding, or of a chunk of one, or
 * `null` when it carries none. OpenAI counts cached tokens inside `prompt_tokens`
 * (`prompt_tokens_details.cached_tokens`), DeepSeek beside it (`prompt_cache_hit_tokens`);
 * Groq's streams carry it in `x_groq.usage`.
 */
export function openaiChatUsage(body: unknown): NormalizedUsage | null {
  const usage = field(body, 'usage') ?? field(field(body, 'x_groq'), 'usage');
  if (!isObject(usage)) return null;
  return cachedInsideInput(
    {
      input: count(usage.prompt_tokens),
      cached:
        count(field(usage.prompt_tokens_details, 'cached_tokens')) ||
        count(usage.prompt_cache_hit_tokens),
      output: count(usage.completion_tokens),
    },
    field(body, 'model'),
    field(body, 'id'),
  );
}

/** The usage of an OpenAI Responses `response` object; cached tokens are inside `input_tokens`. */
export function openaiResponsesUsage(response: unknown): NormalizedUsage | null {
  const usage = field(response, 'usage');
  if (!isObject(usage)) return null;
  return cachedInsideInput(
    {
      input: count(usage.input_tokens),
      cached: count(field(usage.input_tokens_details, 'cached_tokens')),
      output: count(usage.output_tokens),
    },
    field(response, 'model'),
    field(response, 'id'),
  );
}

/**
 * The usage of an Anthropic message: `input_tokens` leaves out cache writes and reads, which
 * come as `cache_creation_input_tokens` and `cache_read_input_tokens`.
 */
export function anthropicUsage(message: unknown): NormalizedUsage | null {
  const usage = field(message, 'usage');
  if (!isObject(usage)) return null;
  return {
    inputTokens: count(usage.input_tokens),
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: count(usage.cache_read_input_tokens),
    cacheWriteTokens: count(usage.cache_creation_input_tokens),
    model: text(field(message, 'model')),
    responseId: text(field(message, 'id')),
  };
}

/**
 * The usage of a Gemini answer (`usageMetadata`): the prompt count includes cached content and
 * leaves out tool-use prompts; thinking tokens are billed as output.
 */
export function geminiUsage(answer: unknown): NormalizedUsage | null {
  const usage = field(answer, 'usageMetadata');
  if (!isObject(usage)) return null;
  return cachedInsideInput(
    {
      input: count(usage.promptTokenCount) + count(usage.toolUsePromptTokenCount),
      cached: count(usage.cachedContentTokenCount),
      output: count(usage.candidatesTokenCount) + count(usage.thoughtsTokenCount),
    },
    field(answer, 'modelVersion'),
    field(answer, 'responseId'),
  );
}
