/**
 * The gateway's providers, in the order every listing of them keeps (the catalog, the settings):
 * written out here, not read from the gateway's own list, so a test sees a provider added,
 * dropped or moved.
 */
export const PROVIDER_IDS = [
  'openai',
  'anthropic',
  'google',
  'groq',
  'mistral',
  'deepseek',
  'xai',
  'together',
  'fireworks',
  'openrouter',
];
