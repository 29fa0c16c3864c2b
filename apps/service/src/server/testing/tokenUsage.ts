import type { RecordUsageInput } from '../usage/recordUsage.ts';

/**
 * A request to record that used only input tokens (every other count is 0), on the store
 * fixtures' customer and meter unless named.
 */
export function tokenUsage(
  requestId: string,
  inputTokens: number,
  more: Partial<RecordUsageInput> = {},
): RecordUsageInput {
  return {
    request_id: requestId,
    customer_id: 'con_test_1',
    meter_slug: 'tokens',
    metadata: {},
    input_tokens: inputTokens,
    output_tokens: 0,
    input_characters: 0,
    output_characters: 0,
    input_seconds: 0,
    output_seconds: 0,
    ...more,
  };
}
