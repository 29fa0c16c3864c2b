import { z } from 'zod';

const DECIMAL = /^\d{1,12}(\.\d{1,10})?$/;

/** Whether a value is money as the REST API takes it: what `Money` may then be given. */
export const isMoney = (value: unknown): value is string =>
  typeof value === 'string' && DECIMAL.test(value);

/**
 * Money, or a quantity such as a tier's start: a decimal string of ASCII digits with at most 10
 * places (as the Lava API writes it), never a number. Anything else is refused before any check
 * that compares amounts runs, so none of them is handed a value `Money` cannot read.
 */
export const decimalString = (example: string) =>
  z.string().regex(DECIMAL, {
    message: `expected a decimal string such as "${example}"`,
    abort: true,
  });

/** Field schemas the REST API shares. */
export const money = decimalString('25.00');

/** A name shown to people: 1 to 255 characters. */
export const displayName = z
  .string()
  .trim()
  .min(1, 'expected 1 to 255 characters')
  .max(255, 'expected 1 to 255 characters');

/** An id in a path or a body. */
export const id = z.string().min(1).max(255);

/** `limit` of a list: 1 to 100, 10 when absent. */
export const listQuery = {
  cursor: z.string().max(512).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'expected a whole number from 1 to 100')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, 'expected a whole number from 1 to 100')
        .max(100, 'expected a whole number from 1 to 100'),
    )
    .optional(),
};

/** A metadata key: 1 to 255 letters, digits or `_`. */
export const METADATA_KEY = /^[A-Za-z0-9_]{1,255}$/;

/** Metadata: at most 100 string pairs, keys of letters, digits and `_`, values 1 to 255 characters. */
export const requestMetadata = z
  .record(
    z.string().regex(METADATA_KEY, 'keys are 1 to 255 letters, digits or _'),
    z.string().min(1, 'values are 1 to 255 characters').max(255, 'values are 1 to 255 characters'),
  )
  .refine((value) => Object.keys(value).length <= 100, 'at most 100 pairs');
