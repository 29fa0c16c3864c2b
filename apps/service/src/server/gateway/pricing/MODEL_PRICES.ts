import type { ProviderId } from '../providers/PROVIDERS.ts';

/** A model's list price, in US dollars per million tokens, as decimal strings. */
export interface ModelPrice {
  input: string;
  output: string;
  /** Input read from the prompt cache. Where a provider gives no discount, the input rate. */
  cacheRead: string;
  /** Input written to the prompt cache (Anthropic: 1.25 times input, for 5 minutes). */
  cacheWrite: string;
  kind: 'chat' | 'embedding';
}

/** Input, output, cache read (default: input), cache write (default: input). */
const chat = (
  input: string,
  output: string,
  cacheRead = input,
  cacheWrite = input,
): ModelPrice => ({
  input,
  output,
  cacheRead,
  cacheWrite,
  kind: 'chat',
});
const embedding = (input: string): ModelPrice => ({
  input,
  output: '0',
  cacheRead: input,
  cacheWrite: input,
  kind: 'embedding',
});

/**
 * A snapshot of the providers' published list prices, taken by hand on `takenOn`: what the
 * gateway prices usage at when a meter marks up the provider's cost, and what `GET /v1/models`
 * and `GET /v1/services` list. Providers change their prices; check their pricing pages and
 * update this file (and `takenOn`) rather than trusting it for long. Standard tier only: no
 * batch, priority or flex prices, no audio or image input rates, and Gemini's Pro models at
 * their rate for prompts up to 200,000 tokens. A dated or suffixed model name takes the price
 * of the longest name here it starts with (`gpt-4o-2024-08-06` is `gpt-4o`).
 */
export const MODEL_PRICES = {
  takenOn: '2025-12-01',
  providers: {
    openai: {
      'gpt-5': chat('1.25', '10.00', '0.125'),
      'gpt-5-mini': chat('0.25', '2.00', '0.025'),
      'gpt-5-nano': chat('0.05', '0.40', '0.005'),
      'gpt-5-pro': chat('15.00', '120.00'),
      'gpt-4.1': chat('2.00', '8.00', '0.50'),
      'gpt-4.1-mini': chat('0.40', '1.60', '0.10'),
      'gpt-4.1-nano': chat('0.10', '0.40', '0.025'),
      'gpt-4o': chat('2.50', '10.00', '1.25'),
      'gpt-4o-mini': chat('0.15', '0.60', '0.075'),
      o1: chat('15.00', '60.00', '7.50'),
      'o1-pro': chat('150.00', '600.00'),
      o3: chat('2.00', '8.00', '0.50'),
      'o3-pro': chat('20.00', '80.00'),
      'o3-mini': chat('1.10', '4.40', '0.55'),
      'o4-mini': chat('1.10', '4.40', '0.275'),
      'gpt-4-turbo': chat('10.00', '30.00'),
      'gpt-3.5-turbo': chat('0.50', '1.50'),
      'text-embedding-3-small': embedding('0.02'),
      'text-embedding-3-large': embedding('0.13'),
      'text-embedding-ada-002': embedding('0.10'),
    },
    anthropic: {
      'claude-opus-4-5': chat('5.00', '25.00', '0.50', '6.25'),
      'claude-opus-4-1': chat('15.00', '75.00', '1.50', '18.75'),
      'claude-opus-4': chat('15.00', '75.00', '1.50', '18.75'),
      'claude-sonnet-4-5': chat('3.00', '15.00', '0.30', '3.75'),
      'claude-sonnet-4': chat('3.00', '15.00', '0.30', '3.75'),
      'claude-3-7-sonnet': chat('3.00', '15.00', '0.30', '3.75'),
      'claude-3-5-sonnet': chat('3.00', '15.00', '0.30', '3.75'),
      'claude-haiku-4-5': chat('1.00', '5.00', '0.10', '1.25'),
      'claude-3-5-haiku': chat('0.80', '4.00', '0.08', '1.00'),
      'claude-3-opus': chat('15.00', '75.00', '1.50', '18.75'),
      'claude-3-haiku': chat('0.25', '1.25', '0.03', '0.30'),
    },
    google: {
      'gemini-3-pro-preview': chat('2.00', '12.00', '0.20'),
      'gemini-2.5-pro': chat('1.25', '10.00', '0.125'),
      'gemini-2.5-flash': chat('0.30', '2.50', '0.03'),
      'gemini-2.5-flash-lite': chat('0.10', '0.40', '0.01'),
      'gemini-2.5-flash-image': chat('0.30', '30.00', '0.03'),
      'gemini-2.0-flash': chat('0.10', '0.40', '0.025'),
      'gemini-2.0-flash-lite': chat('0.075', '0.30'),
      'gemini-1.5-pro': chat('1.25', '5.00', '0.3125'),
      'gemini-1.5-flash': chat('0.075', '0.30', '0.01875'),
      'gemini-embedding-001': embedding('0.15'),
    },
    groq: {
      'llama-3.3-70b-versatile': chat('0.59', '0.79'),
      'llama-3.1-8b-instant': chat('0.05', '0.08'),
      'meta-llama/llama-4-maverick-17b-128e-instruct': chat('0.20', '0.60'),
      'meta-llama/llama-4-scout-17b-16e-instruct': chat('0.11', '0.34'),
      'openai/gpt-oss-120b': chat('0.15', '0.75'),
      'openai/gpt-oss-20b': chat('0.10', '0.50'),
      'qwen/qwen3-32b': chat('0.29', '0.59'),
      'moonshotai/kimi-k2-instruct': chat('1.00', '3.00'),
    },
    mistral: {
      'mistral-large': chat('2.00', '6.00'),
      'mistral-medium': chat('0.40', '2.00'),
      'mistral-small': chat('0.10', '0.30'),
      'magistral-medium': chat('2.00', '5.00'),
      codestral: chat('0.30', '0.90'),
      'pixtral-large': chat('2.00', '6.00'),
      'ministral-8b': chat('0.10', '0.10'),
      'ministral-3b': chat('0.04', '0.04'),
      'open-mistral-nemo': chat('0.15', '0.15'),
      'mistral-embed': embedding('0.10'),
    },
    deepseek: {
      'deepseek-chat': chat('0.28', '0.42', '0.028'),
      'deepseek-reasoner': chat('0.28', '0.42', '0.028'),
    },
    xai: {
      'grok-4': chat('3.00', '15.00', '0.75'),
      'grok-4-fast': chat('0.20', '0.50', '0.05'),
      'grok-code-fast-1': chat('0.20', '1.50', '0.02'),
      'grok-3': chat('3.00', '15.00', '0.75'),
      'grok-3-mini': chat('0.30', '0.50', '0.075'),
    },
    together: {
      'meta-llama/Llama-3.3-70B-Instruct-Turbo': chat('0.88', '0.88'),
      'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo': chat('0.18', '0.18'),
      'meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo': chat('3.50', '3.50'),
      'deepseek-ai/DeepSeek-V3': chat('1.25', '1.25'),
      'deepseek-ai/DeepSeek-R1': chat('3.00', '7.00'),
      'Qwen/Qwen2.5-72B-Instruct-Turbo': chat('1.20', '1.20'),
      'openai/gpt-oss-120b': chat('0.15', '0.60'),
    },
    fireworks: {
      'accounts/fireworks/models/llama-v3p3-70b-instruct': chat('0.90', '0.90'),
      'accounts/fireworks/models/llama-v3p1-8b-instruct': chat('0.20', '0.20'),
      'accounts/fireworks/models/deepseek-v3': chat('0.90', '0.90'),
      'accounts/fireworks/models/deepseek-r1': chat('3.00', '8.00'),
      'accounts/fireworks/models/qwen3-235b-a22b': chat('0.22', '0.88'),
      'accounts/fireworks/models/gpt-oss-120b': chat('0.15', '0.60'),
    },
    // OpenRouter passes its providers' prices on: these are theirs, for the models it routes.
    openrouter: {
      'openai/gpt-5': chat('1.25', '10.00', '0.125'),
      'openai/gpt-4o': chat('2.50', '10.00', '1.25'),
      'openai/gpt-4o-mini': chat('0.15', '0.60', '0.075'),
      'anthropic/claude-sonnet-4.5': chat('3.00', '15.00', '0.30', '3.75'),
      'anthropic/claude-haiku-4.5': chat('1.00', '5.00', '0.10', '1.25'),
      'google/gemini-2.5-pro': chat('1.25', '10.00', '0.125'),
      'google/gemini-2.5-flash': chat('0.30', '2.50', '0.03'),
      'x-ai/grok-4': chat('3.00', '15.00', '0.75'),
    },
  } satisfies Record<ProviderId, Record<string, ModelPrice>>,
};
