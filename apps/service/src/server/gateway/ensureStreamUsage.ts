const INCLUDE_USAGE = Buffer.from('"stream_options":{"include_usage":true},');

/**
 * The body of a streamed OpenAI chat completion, changed only so that it asks for usage
 * (`stream_options.include_usage: true`): without it, the stream carries no usage at all. A
 * body that already asks is returned as it is; one without `stream_options` gets it inserted
 * after its opening brace; one whose `stream_options` says otherwise (`false`, `null`, another
 * object) gets that one value rewritten, keeping its other options. Every other byte of the
 * body stays as the caller sent it (numbers too large for a double, key order, spacing).
 *
 * @param json the body already parsed, a JSON object.
 */
export function ensureStreamUsage(body: Uint8Array, json: Record<string, unknown>): Uint8Array {
  const options = json.stream_options;
  const isObject = options !== null && typeof options === 'object' && !Array.isArray(options);
  if (isObject && (options as Record<string, unknown>).include_usage === true) return body;
  if (!Object.hasOwn(json, 'stream_options')) {
    const brace = body.indexOf(123);
    return Buffer.concat([body.subarray(0, brace + 1), INCLUDE_USAGE, body.subarray(brace + 1)]);
  }
  const span = lastTopLevelValue(body, 'stream_options');
  if (!span) return body;
  const replaced = Buffer.from(
    JSON.stringify({ ...(isObject ? (options as object) : {}), include_usage: true }),
  );
  return Buffer.concat([body.subarray(0, span.start), replaced, body.subarray(span.end)]);
}

const QUOTE = 34;
const BACKSLASH = 92;
const isSpace = (c: number | undefined) => c === 32 || c === 10 || c === 13 || c === 9;

/** The end (exclusive) of the string whose opening quote is at `at`. */
function stringEnd(body: Uint8Array, at: number): number {
  let i = at + 1;
  while (i < body.length) {
    const c = body[i];
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i++;
  }
  return i;
}

/** The end (exclusive) of the JSON value starting at `at`. */
function valueEnd(body: Uint8Array, at: number): number {
  const first = body[at];
  if (first === QUOTE) return stringEnd(body, at);
  if (first !== 123 && first !== 91) {
    let i = at;
    while (i < body.length && body[i] !== 44 && body[i] !== 125 && !isSpace(body[i])) i++;
    return i;
  }
  let depth = 0;
  let i = at;
  while (i < body.length) {
    const c = body[i];
    if (c === QUOTE) {
      i = stringEnd(body, i);
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
    i++;
  }
  return i;
}

/**
 * Where the value of the last top-level `key` is in a JSON object's bytes (JSON.parse keeps
 * the last of repeated keys), or `null`. Keys written with escapes are decoded to compare.
 */
function lastTopLevelValue(body: Uint8Array, key: string): { start: number; end: number } | null {
  let found: { start: number; end: number } | null = null;
  let i = body.indexOf(123) + 1;
  while (i > 0 && i < body.length) {
    const c = body[i];
    if (c !== QUOTE) {
      i++;
      continue;
    }
    const keyEnd = stringEnd(body, i);
    const raw = Buffer.from(body.buffer, body.byteOffset + i, keyEnd - i).toString('utf8');
    const name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    let colon = keyEnd;
    while (isSpace(body[colon])) colon++;
    let start = colon + 1;
    while (isSpace(body[start])) start++;
    const end = valueEnd(body, start);
    if (name === key) found = { start, end };
    // On to the next member: past the comma, or the closing brace.
    i = end;
    while (i < body.length && body[i] !== 44 && body[i] !== 125) i++;
    if (body[i] === 125) break;
    i++;
  }
  return found;
}
