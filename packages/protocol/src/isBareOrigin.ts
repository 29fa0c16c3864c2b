import { normalizeOriginUrl } from './normalizeOriginUrl.ts';

/** A bare origin of one real site, exactly as `normalizeOriginUrl` gives it. */
export const isBareOrigin = (value: string): boolean => {
  const checked = normalizeOriginUrl(value);
  return checked.ok && checked.origin === value;
};
