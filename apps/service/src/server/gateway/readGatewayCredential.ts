import type { Environment } from '@lava-checkout/protocol';
import { type GatewayResult, refuse } from './GatewayProblem.ts';
import { type HeaderSource, headerOf } from './headerOf.ts';

/** Which meter a call is billed on: named by slug (forward tokens), or by id or plan (older tokens). */
export type MeterRef =
  | { by: 'slug'; slug: string }
  | { by: 'id'; id: string }
  /** The one meter linked to this plan (`{customer_profile_secret, plan_id}` tokens). */
  | { by: 'plan'; planId: string };

/** Where a caller may put its Lava credential; each one that held it is removed before the call goes upstream. */
export type CredentialCarrier =
  | 'authorization'
  | 'x-api-key'
  | 'x-goog-api-key'
  | 'xi-api-key'
  | 'key';

interface CredentialBase {
  /** The merchant's secret key, `aks_test_…` or `aks_live_…`. */
  secretKey: string;
  environment: Environment;
  /**
   * The caller's own provider key ("unmanaged": the provider bills that key), or `null` to use
   * the service's key for the provider ("managed"). It goes with any of the modes.
   */
  providerKey: string | null;
  /** Every place the credential was found. */
  carriers: CredentialCarrier[];
  /** What the caller sent: the bare secret key, a forward token, or a token of an older shape. */
  form: 'secret_key' | 'forward_token' | 'legacy_forward_token' | 'spend_key';
}

/**
 * A caller's credential, by who pays: `merchant` (the secret key alone), `meter` (usage
 * recorded on a meter, the merchant pays), `customer` (the customer's plan credits pay),
 * `billing_disabled` (the merchant pays; the customer is still tracked and the meter must be
 * on their plan).
 */
export type GatewayCredential = CredentialBase &
  (
    | { mode: 'merchant' }
    | { mode: 'meter'; meter: MeterRef }
    | { mode: 'customer'; customerId: string; meter: MeterRef }
    | { mode: 'billing_disabled'; customerId: string; meter: MeterRef }
  );

const SECRET_KEY = /^aks_(test|live)_\S{1,240}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const CUSTOMER_ID = /^con_(test|live)_[0-9A-Z]{26}$/;
const METER_ID = /^prd_(test|live)_[0-9A-Z]{26}$/;
const PLAN_ID = /^sc_(test|live)_[0-9A-Z]{26}$/;
/** Longer than any token the SDK makes with a provider key in it. */
const MAX_TOKEN_LENGTH = 8192;
const MODERN_FIELDS = new Set([
  'secret_key',
  'customer_id',
  'meter_slug',
  'provider_key',
  'disable_billing',
]);
const LEGACY_FIELDS = new Set([
  'connection_secret',
  'product_secret',
  'customer_profile_secret',
  'plan_id',
  'meter_secret',
]);

const HOW_TO_MINT =
  "Mint one with generateForwardToken({ customer_id, meter_slug }) of '@lavapayments/nodejs', or send your secret key (aks_…)";

type Candidate = { carrier: CredentialCarrier; value: string };
type Classified =
  | { kind: 'secret_key'; candidate: Candidate }
  /** `body` is the parsed JSON, `undefined` when it did not parse, or the parts of a dotted token. */
  | { kind: 'token'; candidate: Candidate; body: unknown; dotted: boolean }
  | { kind: 'foreign'; candidate: Candidate };

const where = (carrier: CredentialCarrier) =>
  carrier === 'key'
    ? 'the key query parameter'
    : `the ${carrier === 'authorization' ? 'Authorization' : carrier} header`;

/** A secret key, a forward token (JSON in base64), or something else: perhaps the caller's provider key. */
function classify(candidate: Candidate): Classified {
  const { value } = candidate;
  if (value.startsWith('aks_')) return { kind: 'secret_key', candidate };
  if (value.length > MAX_TOKEN_LENGTH || !BASE64.test(value)) return { kind: 'foreign', candidate };
  const text = Buffer.from(value, 'base64').toString('utf8');
  const first = text.trimStart().charCodeAt(0);
  // `{` or `[` is JSON; the oldest tokens were `aks_….<connection>.<product>` in base64.
  const json = first === 123 || first === 91;
  if (!json && !text.startsWith('aks_')) return { kind: 'foreign', candidate };
  if (!json) return { kind: 'token', candidate, body: text.split('.'), dotted: true };
  try {
    return { kind: 'token', candidate, body: JSON.parse(text), dotted: false };
  } catch {
    return { kind: 'token', candidate, body: undefined, dotted: false };
  }
}

/**
 * Reads the caller's Lava credential from a gateway call: `Authorization: Bearer …`,
 * `x-api-key`, `x-goog-api-key`, `xi-api-key` or the `key` query parameter, holding either a
 * secret key (`aks_test_…`, `aks_live_…`) or a forward token, the standard base64 of JSON
 * `{secret_key, customer_id, meter_slug, provider_key, disable_billing}` that
 * `generateForwardToken` of `@lavapayments/nodejs` makes. Tokens of Lava's older API are mapped
 * as far as this service can: `{secret_key, connection_secret, product_secret, provider_key?}`,
 * `{secret_key, customer_profile_secret, plan_id}` and `{secret_key, connection_secret,
 * meter_secret}` name the customer by id (`con_…`) and the meter by id (`prd_…`) or by plan
 * (`sc_…`); the connection and product secrets (`cons_…`, `ps_…`) of that API were never issued
 * here and are refused. A value that is neither (a provider's own key) is not Lava's and stays
 * with the call. Never throws: a credential that cannot be used comes back as a problem saying
 * how to fix it.
 *
 * @param keyParam the `key` query parameter, from the gateway URL or the provider URL's query.
 */
export function readGatewayCredential(
  headers: HeaderSource,
  keyParam: string | null = null,
): GatewayResult<GatewayCredential> {
  const candidates: Candidate[] = [];
  const authorization = headerOf(headers, 'authorization');
  if (authorization !== undefined) {
    // `Bearer` in any case, then the credential.
    if (authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
      candidates.push({ carrier: 'authorization', value: authorization.slice(7).trim() });
    }
  }
  for (const carrier of ['x-api-key', 'x-goog-api-key', 'xi-api-key'] as const) {
    const value = headerOf(headers, carrier)?.trim();
    if (value) candidates.push({ carrier, value });
  }
  if (keyParam) candidates.push({ carrier: 'key', value: keyParam.trim() });

  const lava = candidates
    .map(classify)
    .filter((c): c is Exclude<Classified, { kind: 'foreign' }> => c.kind !== 'foreign');
  const [chosen] = lava;
  if (!chosen) {
    const [other] = candidates;
    return other
      ? refuse(
          'invalid_forward_token',
          `${where(other.carrier)} holds neither a Lava secret key (aks_…) nor a forward token`,
          `Send Authorization: Bearer <forward token>. ${HOW_TO_MINT}`,
        )
      : refuse(
          'missing_credential',
          'this gateway call has no Lava credential',
          `Send Authorization: Bearer <forward token> (or x-api-key, x-goog-api-key, xi-api-key or ?key=). ${HOW_TO_MINT}`,
        );
  }
  const differing = lava.find((c) => c.candidate.value !== chosen.candidate.value);
  if (differing) {
    return refuse(
      'invalid_forward_token',
      `${where(chosen.candidate.carrier)} and ${where(differing.candidate.carrier)} hold different Lava credentials`,
      'Send one forward token or secret key, in one place',
    );
  }
  const carriers = lava.map((c) => c.candidate.carrier);
  if (chosen.kind === 'secret_key') {
    const environment = SECRET_KEY.exec(chosen.candidate.value)?.[1];
    if (!environment) {
      return refuse(
        'invalid_forward_token',
        `${where(chosen.candidate.carrier)} holds a malformed secret key`,
        'Send the secret key exactly as it was issued: aks_test_… or aks_live_…',
      );
    }
    return {
      ok: true,
      value: {
        secretKey: chosen.candidate.value,
        environment: environment as Environment,
        providerKey: null,
        carriers,
        form: 'secret_key',
        mode: 'merchant',
      },
    };
  }
  return readToken(chosen, carriers);
}

type Fields = Record<string, unknown>;
type Field = { ok: true; value: string | null } | { ok: false; why: string };

/** An optional string field: absent or `null` is `null`; otherwise a non-empty string of at most `max` characters. */
function optionalString(fields: Fields, name: string, max = 255): Field {
  const value = fields[name];
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value !== 'string') return { ok: false, why: `${name} must be a string or null` };
  if (value.length === 0 || value.length > max || value.trim() !== value) {
    return { ok: false, why: `${name} must be 1 to ${max} characters without surrounding spaces` };
  }
  return { ok: true, value };
}

function readToken(
  { body, dotted, candidate }: Extract<Classified, { kind: 'token' }>,
  carriers: CredentialCarrier[],
): GatewayResult<GatewayCredential> {
  const place = where(candidate.carrier);
  const bad = (why: string) =>
    refuse<GatewayCredential>(
      'invalid_forward_token',
      `the forward token in ${place} ${why}`,
      HOW_TO_MINT,
    );
  if (dotted) {
    // The oldest shape, `aks_….<connection secret>.<product secret>` in base64.
    const parts = body as string[];
    if (parts.length !== 3)
      return bad('is not JSON, nor a secret key and two secrets joined by dots');
    const [secret_key, connection_secret, product_secret] = parts;
    return readFields({ secret_key, connection_secret, product_secret }, carriers, bad);
  }
  if (body === undefined) return bad('is base64 but not valid JSON');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return bad('is not a JSON object');
  }
  return readFields(body as Fields, carriers, bad);
}

function readFields(
  fields: Fields,
  carriers: CredentialCarrier[],
  bad: (why: string) => GatewayResult<GatewayCredential>,
): GatewayResult<GatewayCredential> {
  const names = Object.keys(fields);
  const unknown = names.find((n) => !MODERN_FIELDS.has(n) && !LEGACY_FIELDS.has(n));
  if (unknown !== undefined) {
    return bad(
      `has a field this service does not know, "${unknown.slice(0, 40)}" (known: secret_key, customer_id, meter_slug, provider_key, disable_billing)`,
    );
  }
  const secretKey = fields.secret_key;
  const environment = typeof secretKey === 'string' ? SECRET_KEY.exec(secretKey)?.[1] : undefined;
  if (typeof secretKey !== 'string' || !environment) {
    return bad('has no valid secret_key (aks_test_… or aks_live_…)');
  }
  const providerKey = optionalString(fields, 'provider_key', 4096);
  if (!providerKey.ok) return bad(`is malformed: ${providerKey.why}`);
  const base = {
    secretKey,
    environment: environment as Environment,
    providerKey: providerKey.value,
    carriers,
  };
  const legacy = names.filter((n) => LEGACY_FIELDS.has(n));
  if (legacy.length > 0) {
    const modern = names.find(
      (n) => n !== 'secret_key' && n !== 'provider_key' && MODERN_FIELDS.has(n),
    );
    if (modern)
      return bad(`mixes ${modern} with the older ${legacy[0]}; use only the current fields`);
    return readLegacy(fields, { ...base, form: 'legacy_forward_token' }, bad);
  }

  const customerId = optionalString(fields, 'customer_id');
  if (!customerId.ok) return bad(`is malformed: ${customerId.why}`);
  const meterSlug = optionalString(fields, 'meter_slug');
  if (!meterSlug.ok) return bad(`is malformed: ${meterSlug.why}`);
  const disable = fields.disable_billing;
  if (disable !== undefined && disable !== null && typeof disable !== 'boolean') {
    return bad('is malformed: disable_billing must be true, false or null');
  }
  const modern = { ...base, form: 'forward_token' as const };
  if (customerId.value !== null && meterSlug.value === null) {
    return refuse(
      'invalid_forward_token',
      'the forward token has a customer_id but no meter_slug, so nothing says what the customer is billed on',
      'Mint it with both customer_id and meter_slug for customer billing, or neither for merchant billing',
    );
  }
  if (meterSlug.value === null) return { ok: true, value: { ...modern, mode: 'merchant' } };
  const meter: MeterRef = { by: 'slug', slug: meterSlug.value };
  if (customerId.value === null) return { ok: true, value: { ...modern, mode: 'meter', meter } };
  return {
    ok: true,
    value: {
      ...modern,
      mode: disable === true ? 'billing_disabled' : 'customer',
      customerId: customerId.value,
      meter,
    },
  };
}

/** The three older token bodies, mapped to the current modes where their values are ids this service knows. */
function readLegacy(
  fields: Fields,
  base: CredentialBase,
  bad: (why: string) => GatewayResult<GatewayCredential>,
): GatewayResult<GatewayCredential> {
  const has = (name: string) => fields[name] !== undefined && fields[name] !== null;
  const customerField = has('customer_profile_secret')
    ? 'customer_profile_secret'
    : 'connection_secret';
  const meterFields = ['product_secret', 'meter_secret', 'plan_id'].filter(has);
  if (has('customer_profile_secret') && has('connection_secret')) {
    return bad('has both connection_secret and customer_profile_secret; send one');
  }
  if (meterFields.length > 1)
    return bad(`has both ${meterFields[0]} and ${meterFields[1]}; send one`);

  let customerId: string | null = null;
  if (has(customerField)) {
    const value = fields[customerField];
    if (typeof value !== 'string' || !CUSTOMER_ID.test(value)) {
      return refuse(
        'invalid_forward_token',
        `the forward token's ${customerField} is a secret of Lava's older API, which this service never issued`,
        "Mint a token with generateForwardToken({ customer_id: 'con_…', meter_slug }) of '@lavapayments/nodejs'",
      );
    }
    customerId = value;
  }
  let meter: MeterRef | null = null;
  const [meterField] = meterFields;
  if (meterField) {
    const value = fields[meterField];
    const pattern = meterField === 'plan_id' ? PLAN_ID : METER_ID;
    if (typeof value !== 'string' || !pattern.test(value)) {
      return refuse(
        'invalid_forward_token',
        `the forward token's ${meterField} is not ${meterField === 'plan_id' ? 'a plan id (sc_…)' : 'a meter id (prd_…)'} of this service`,
        "Mint a token with generateForwardToken({ customer_id, meter_slug }) of '@lavapayments/nodejs', naming the meter by its slug",
      );
    }
    meter = meterField === 'plan_id' ? { by: 'plan', planId: value } : { by: 'id', id: value };
  }
  if (customerId !== null && meter === null) {
    return refuse(
      'invalid_forward_token',
      `the forward token names a customer (${customerField}) but no meter, so nothing says what the customer is billed on`,
      'Mint it with generateForwardToken({ customer_id, meter_slug })',
    );
  }
  if (meter === null) return { ok: true, value: { ...base, mode: 'merchant' } };
  if (customerId === null) return { ok: true, value: { ...base, mode: 'meter', meter } };
  return { ok: true, value: { ...base, mode: 'customer', customerId, meter } };
}
