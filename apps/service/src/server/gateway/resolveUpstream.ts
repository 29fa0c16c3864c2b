import { type GatewayResult, refuse } from './GatewayProblem.ts';
import {
  PROVIDERS,
  type ProviderAuth,
  type ProviderSpec,
  providerOfUrl,
} from './providers/PROVIDERS.ts';
import type { ProvidersConfig } from './providers/readProviderSettings.ts';
import type { GatewayCredential } from './readGatewayCredential.ts';
import { type GatewayTarget, withoutKeyParam } from './readGatewayTarget.ts';
import { type UsageFormat, usageFormatOf } from './usage/usageFormatOf.ts';

/** Where a gateway call goes and with which key. */
export interface UpstreamRoute {
  /** The known provider, or `null` for another API, which only the caller's own key may call. */
  provider: ProviderSpec | null;
  /** The URL to call: the provider's configured URL applied, Lava's `?key=` credential taken out. */
  url: URL;
  providerKey: string;
  /** `managed`: the service's key; `unmanaged`: the caller's own (`provider_key`). */
  keyType: 'managed' | 'unmanaged';
  auth: ProviderAuth;
  /**
   * `public`: connect only to public addresses (`createPublicDispatcher`), for a URL the caller
   * chose; `trusted`: a known provider at its official or configured URL.
   */
  guard: 'public' | 'trusted';
  /** The usage shape the answer comes in, or `null` when it reports none. */
  usageFormat: UsageFormat | null;
  /** Whether a streamed chat completion may be asked for usage (`stream_options.include_usage`). */
  streamUsageOption: boolean;
}

const KNOWN_HOSTS = PROVIDERS.map((p) => p.host).join(', ');

/**
 * Decides where a call goes. A known provider's URL goes to the provider (or where its URL
 * setting points it) with the caller's `provider_key` if the token has one, else the service's
 * key; without either it is refused (503). Any other URL goes only with the caller's own key,
 * as a bearer key, through the public-address guard.
 */
export function resolveUpstream(
  target: GatewayTarget,
  credential: GatewayCredential,
  config: ProvidersConfig,
): GatewayResult<UpstreamRoute> {
  const url = credential.carriers.includes('key') ? withoutKeyParam(target.url) : target.url;
  const usageFormat = usageFormatOf(url.pathname);
  const provider = providerOfUrl(url);
  if (!provider) {
    if (credential.providerKey === null) {
      return refuse(
        'target_not_allowed',
        `${url.host} is not a provider this gateway knows (${KNOWN_HOSTS}), and the call has no provider key of its own`,
        'Send your key for it as provider_key in the forward token, or call a known provider',
      );
    }
    return {
      ok: true,
      value: {
        provider: null,
        url,
        providerKey: credential.providerKey,
        keyType: 'unmanaged',
        auth: 'bearer',
        guard: 'public',
        usageFormat,
        streamUsageOption: true,
      },
    };
  }
  const settings = config[provider.id];
  const providerKey = credential.providerKey ?? settings.key;
  if (providerKey === null) {
    return refuse(
      'provider_not_configured',
      `this service has no key for ${provider.label}`,
      `Set LAVA_PROVIDER_${provider.setting}_KEY on the service, or send your own key as provider_key in the forward token`,
    );
  }
  let upstream = url;
  if (settings.url) {
    const base = settings.url;
    const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
    upstream = new URL(`${base.origin}${prefix}${url.pathname}${url.search}`);
  } else if (url.protocol !== 'https:') {
    upstream = new URL(`https://${url.host}${url.pathname}${url.search}`);
  }
  return {
    ok: true,
    value: {
      provider,
      url: upstream,
      providerKey,
      keyType: credential.providerKey === null ? 'managed' : 'unmanaged',
      auth: provider.auth(url.pathname),
      guard: 'trusted',
      usageFormat,
      streamUsageOption: provider.streamUsageOption,
    },
  };
}
