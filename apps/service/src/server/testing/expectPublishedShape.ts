import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import { inject } from 'vitest';
import { generatePublishedShapes, type PublishedShapes } from './generatePublishedShapes.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The published SDK's shapes, generated once by the node tests' global setup. */
    publishedShapes: PublishedShapes;
  }
}

/** One way a value differs from a published shape. */
export interface ShapeMismatch {
  /** Where, from the value's root: `data[0].contact.phone`; `(root)` for the value itself. */
  path: string;
  /** What the SDK's types declare there: `string`, `"active" | "cancelled"`, `object | null`. */
  expected: string;
  /** What the value holds there: `null`, `"abc"`, `42`, `an object`, `nothing (missing)`. */
  got: string;
}

interface Checker {
  shapes: PublishedShapes;
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
}

let checker: Checker | undefined;

/**
 * The shapes of this test run: those the global setup generated, else (in a test project
 * without that setup) generated here, once per test file.
 */
function loadChecker(): Checker {
  if (checker) return checker;
  const shapes =
    (inject('publishedShapes') as PublishedShapes | undefined) ?? generatePublishedShapes();
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
  ajv.addSchema(shapes.schema as SchemaObject, 'sdk');
  checker = { shapes, ajv, validators: new Map() };
  return checker;
}

const MISSING = 'nothing (missing)';

function describeSchema(schema: unknown): string {
  if (schema === true || typeof schema !== 'object' || schema === null) return 'anything';
  const s = schema as SchemaObject;
  if (typeof s.$ref === 'string') return s.$ref.replace(/^.*\//, '');
  if (Array.isArray(s.anyOf)) return s.anyOf.map(describeSchema).join(' | ');
  if (Array.isArray(s.oneOf)) return s.oneOf.map(describeSchema).join(' | ');
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((value) => JSON.stringify(value)).join(' | ');
  const types: unknown[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length === 0) return 'anything';
  return types
    .map((type) => (type === 'array' && s.items ? `${describeSchema(s.items)}[]` : String(type)))
    .join(' | ');
}

function describeValue(value: unknown): string {
  if (value === undefined) return MISSING;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const segmentsOf = (pointer: string) =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));

function formatPath(segments: readonly string[]): string {
  if (segments.length === 0) return '(root)';
  return segments
    .map((segment, i) =>
      /^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`,
    )
    .join('');
}

function valueAt(value: unknown, segments: readonly string[]): unknown {
  let at = value;
  for (const segment of segments) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[segment];
  }
  return at;
}

/**
 * Ajv's errors, one per place: a missing field at its own path, and of the errors a union
 * makes, only the deepest (a `T | null` that holds a wrong `T` is reported inside the `T`).
 */
function toMismatches(errors: readonly ErrorObject[], value: unknown): ShapeMismatch[] {
  const places = new Map<string, { segments: string[]; expected: Set<string>; union?: string }>();
  for (const error of errors) {
    const segments = segmentsOf(error.instancePath);
    let schema: unknown = error.parentSchema;
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      segments.push(missing);
      schema = (error.parentSchema as SchemaObject | undefined)?.properties?.[missing];
    }
    const key = JSON.stringify(segments);
    const place = places.get(key) ?? { segments, expected: new Set<string>() };
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      place.union = describeSchema(schema);
    } else {
      place.expected.add(describeSchema(schema));
    }
    places.set(key, place);
  }
  const all = [...places.values()];
  const hasDeeper = (segments: string[]) =>
    all.some(
      (other) =>
        other.segments.length > segments.length &&
        segments.every((segment, i) => other.segments[i] === segment),
    );
  return all
    .filter((place) => !hasDeeper(place.segments))
    .map((place) => ({
      path: formatPath(place.segments),
      expected: place.union ?? [...place.expected].join(' and '),
      got: describeValue(valueAt(value, place.segments)),
    }));
}

/**
 * How `value` differs from what the published `@lavapayments/nodejs` declares for `shape`:
 * an empty list when it matches. `shape` is a type the SDK exports (`RestCustomer`) or one of
 * its calls (`customers.list`, whose answer is `ListResponse<RestCustomer>`).
 *
 * Strict about every declared field: a `string` that holds `null` fails, a required field
 * that is missing fails, and an optional one, when present, must have its declared type.
 * Fields the SDK does not declare are allowed, as its types allow them: the service may
 * answer with more than the SDK reads (`expires_at` on a checkout session).
 */
export function publishedShapeErrors(shape: string, value: unknown): ShapeMismatch[] {
  const { shapes, ajv, validators } = loadChecker();
  const entry = shapes.shapes[shape];
  if (!entry) {
    throw new Error(
      `Lava Checkout: ${shapes.sdk} declares no shape named ${shape}. Name a type it exports (RestCustomer) or one of its calls (customers.list).`,
    );
  }
  let validate = validators.get(shape);
  if (!validate) {
    validate = ajv.getSchema(`sdk#/definitions/${entry.definition}`);
    if (!validate) throw new Error(`Lava Checkout: no schema for ${shape}.`);
    validators.set(shape, validate);
  }
  return validate(value) ? [] : toMismatches(validate.errors ?? [], value);
}

/**
 * Throws unless `value` matches what the published SDK declares for `shape` (see
 * {@link publishedShapeErrors}), naming each field at fault, what the SDK declares there and
 * what the value holds.
 *
 * @example
 * expectPublishedShape('customers.retrieve', await lava.customers.retrieve(id));
 */
export function expectPublishedShape(shape: string, value: unknown): void {
  const mismatches = publishedShapeErrors(shape, value);
  if (mismatches.length === 0) return;
  const { shapes } = loadChecker();
  const type = shapes.shapes[shape]?.type;
  throw new Error(
    [
      `Lava Checkout: this value is not the ${shape}${type === shape ? '' : ` (${type})`} that ${shapes.sdk} declares. Fix these fields:`,
      ...mismatches.map((m) => `  ${m.path}: expected ${m.expected}, got ${m.got}`),
    ].join('\n'),
  );
}
