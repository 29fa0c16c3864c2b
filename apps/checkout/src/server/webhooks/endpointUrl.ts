import { LOOPBACK_HOST } from '@lava-checkout/protocol';
import { z } from 'zod';

/** Literal addresses of this machine or a private network: never a merchant's endpoint. */
const PRIVATE_ADDRESS =
  /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|\[(::1?|f[cd][0-9a-f]*:.*|fe80:.*)\]$)/i;

/**
 * An endpoint URL: https, without credentials. Development also takes http on a loopback host
 * (a receiver on the developer's machine); production refuses loopback and private addresses,
 * so the service cannot be pointed at its own network.
 */
export function endpointUrl(production: boolean) {
  return z
    .string()
    .max(2048)
    .refine(
      (value) => {
        try {
          const parsed = new URL(value);
          if (parsed.username || parsed.password) return false;
          const local =
            LOOPBACK_HOST.test(parsed.hostname) || PRIVATE_ADDRESS.test(parsed.hostname);
          if (production) return parsed.protocol === 'https:' && !local;
          return (
            parsed.protocol === 'https:' ||
            (parsed.protocol === 'http:' && LOOPBACK_HOST.test(parsed.hostname))
          );
        } catch {
          return false;
        }
      },
      production
        ? 'expected a public https URL, without credentials'
        : 'expected an https URL (http only on a loopback host), without credentials',
    );
}
