/**
 * The shapes in which providers report usage: OpenAI's chat completions (also its completions
 * and embeddings, and every OpenAI-compatible provider), OpenAI's Responses, Anthropic's
 * messages and Gemini's generateContent.
 */
export type UsageFormat = 'openai_chat' | 'openai_responses' | 'anthropic_messages' | 'gemini';

/**
 * Which usage shape the answer to a provider path comes in, from the endpoint it names, or
 * `null` for an endpoint that reports no token usage (listing models, counting tokens).
 */
export function usageFormatOf(pathname: string): UsageFormat | null {
  if (pathname.endsWith('/chat/completions')) return 'openai_chat';
  if (pathname.endsWith('/responses')) return 'openai_responses';
  if (pathname.endsWith('/messages')) return 'anthropic_messages';
  if (pathname.endsWith(':generateContent') || pathname.endsWith(':streamGenerateContent')) {
    return 'gemini';
  }
  if (pathname.endsWith('/completions') || pathname.endsWith('/embeddings')) return 'openai_chat';
  return null;
}
