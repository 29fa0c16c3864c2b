import {
  anthropicUsage,
  geminiUsage,
  type NormalizedUsage,
  openaiChatUsage,
  openaiResponsesUsage,
} from './NormalizedUsage.ts';
import type { UsageFormat } from './usageFormatOf.ts';

/**
 * The usage in a provider's whole JSON answer, or `null` when it has none (an error body).
 * Gemini's `streamGenerateContent` without `alt=sse` answers a JSON array of chunks, whose
 * last one with usage holds the totals.
 */
export function readJsonUsage(format: UsageFormat, body: unknown): NormalizedUsage | null {
  switch (format) {
    case 'openai_chat':
      return openaiChatUsage(body);
    case 'openai_responses':
      return openaiResponsesUsage(body);
    case 'anthropic_messages':
      return anthropicUsage(body);
    case 'gemini': {
      if (!Array.isArray(body)) return geminiUsage(body);
      for (let i = body.length - 1; i >= 0; i--) {
        const usage = geminiUsage(body[i]);
        if (usage) return usage;
      }
      return null;
    }
    default:
      return format satisfies never;
  }
}
