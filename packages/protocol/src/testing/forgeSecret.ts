/**
 * A signed secret (`signSecret`'s `<prefix><env>_<payload>.<signature>`) with `change` spread
 * over its payload's claims and the signature kept, as a forger would make it.
 */
export function forgeSecret(secret: string, change: Record<string, unknown>): string {
  const [, label = '', payload = '', signature = ''] =
    /^([a-z]+_(?:test|live)_)([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(secret) ?? [];
  if (!payload) throw new Error(`forgeSecret: "${secret}" is not a signed secret to forge.`);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
  return `${label}${forged}.${signature}`;
}
