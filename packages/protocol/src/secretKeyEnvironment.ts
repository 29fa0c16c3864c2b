import type { Environment } from './Environment.ts';
/** `test` or `live`, from a secret key's `aks_test_` / `aks_live_` prefix; `null` for anything else. */
export function secretKeyEnvironment(secretKey: unknown): Environment | null {
  if (typeof secretKey !== 'string') return null;
  if (/^aks_test_[A-Za-z0-9_-]{16,}$/.test(secretKey)) return 'test';
  if (/^aks_live_[A-Za-z0-9_-]{16,}$/.test(secretKey)) return 'live';
  return null;
}
