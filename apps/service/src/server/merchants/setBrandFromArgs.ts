import type { Db } from '../platform/db/Database.ts';
import { type Brand, checkBrand } from './checkBrand.ts';
import { toRestMerchant } from './toRestMerchant.ts';
import { updateBrand } from './updateBrand.ts';

/** The keys command's options for a brand; an empty string clears a field. */
export interface BrandArgs {
  name?: string | undefined;
  logo?: string | undefined;
  'support-email'?: string | undefined;
  terms?: string | undefined;
  privacy?: string | undefined;
}

const FIELDS = [
  ['name', 'name'],
  ['logo', 'logo_url'],
  ['support-email', 'support_email'],
  ['terms', 'terms_url'],
  ['privacy', 'privacy_url'],
] as const satisfies readonly (readonly [keyof BrandArgs, keyof Brand])[];

/**
 * `keys brand`: checks the options as `PATCH /v1/merchant` checks its body, sets them, and
 * answers the merchant as `GET /v1/merchant` does. A running service shows the change in new
 * checkouts within 30 seconds (what it keeps of a merchant).
 */
export async function setBrandFromArgs(
  db: Db,
  merchantId: string,
  args: BrandArgs,
): Promise<
  { ok: true; merchant: ReturnType<typeof toRestMerchant> } | { ok: false; message: string }
> {
  const row = await db
    .selectFrom('merchants')
    .selectAll()
    .where('id', '=', merchantId)
    .executeTakeFirst();
  if (!row) {
    return {
      ok: false,
      message: `no merchant ${merchantId}. Pass the mer_... id keys create printed.`,
    };
  }
  const input: Record<string, string | null> = {};
  for (const [option, field] of FIELDS) {
    const value = args[option];
    if (value !== undefined) input[field] = value === '' && field !== 'name' ? null : value;
  }
  const checked = checkBrand(input, row.environment);
  if (!checked.ok) {
    const option = FIELDS.find(([, field]) => field === checked.param)?.[0];
    const why = checked.message.replace(/^Lava Checkout: /, '');
    return { ok: false, message: option ? `--${option}: ${why}` : why };
  }
  await updateBrand(db, merchantId, checked.change);
  return { ok: true, merchant: { ...toRestMerchant(row), ...checked.change } };
}
