import { isIP } from 'node:net';
import { LOOPBACK_HOST } from '@lava-checkout/protocol';
import { z } from 'zod';
import {
  nonPublicAddress,
  nonPublicName,
  type PublicHostPolicy,
  resolvePublicHost,
} from '../platform/http/resolvePublicHost.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/** Why the host of `url` can never be a merchant's endpoint, without resolving it, or `null`. */
function refusedHost(url: URL, production: boolean): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const refused =
    isIP(host) === 0 ? nonPublicName(host, !production) : nonPublicAddress(host, !production);
  return refused && `its host ${host} is ${refused}`;
}

/**
 * An endpoint URL: https, without credentials, on a host that may be public. Development also
 * takes http on a loopback host (a receiver on the developer's machine). Loopback (production
 * only), private, shared, link-local, unique-local and other addresses that are not public are
 * refused here when written literally; `checkEndpointHost` then resolves a name and refuses
 * what it resolves to, and each delivery checks again when it connects.
 */
export function endpointUrl(production: boolean) {
  return z
    .string()
    .max(2048)
    .superRefine((value, ctx) => {
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected an absolute https URL' });
        return;
      }
      const loopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOST.test(parsed.hostname);
      if (parsed.protocol !== 'https:' && (production || !loopbackHttp)) {
        ctx.addIssue({
          code: 'custom',
          message: production
            ? 'expected an https URL'
            : 'expected an https URL (http only on a loopback host)',
        });
      } else if (parsed.username || parsed.password) {
        ctx.addIssue({ code: 'custom', message: 'expected a URL without credentials' });
      } else {
        const refused = refusedHost(parsed, production);
        if (refused) ctx.addIssue({ code: 'custom', message: `${refused}, not a public host` });
      }
    });
}

/**
 * Resolves the host of an endpoint URL (already read by `endpointUrl`) and refuses it, as a 400
 * naming `url`, when it does not resolve or any address it resolves to is not public.
 */
export async function checkEndpointHost(url: string, policy: PublicHostPolicy): Promise<void> {
  const host = new URL(url).hostname;
  try {
    await resolvePublicHost(host, policy);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ERR_NOT_PUBLIC_HOST'
        ? `${(error as Error).message}, not a public host`
        : `its host ${host} does not resolve (${code ?? String(error)})`;
    throw new ServiceError(
      'invalid_request',
      `Lava Checkout: url is invalid: ${reason}. Use the public https URL of your endpoint.`,
      { param: 'url' },
    );
  }
}
