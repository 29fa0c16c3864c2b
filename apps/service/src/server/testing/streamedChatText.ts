/** The text of a chat completion streamed to OpenAI's client: each chunk's content, in order. */
export async function streamedChatText(
  stream: AsyncIterable<{ choices: { delta: { content?: string | null } }[] }>,
): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
