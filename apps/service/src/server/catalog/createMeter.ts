import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { RateType, TierType } from '@lava-checkout/server';
import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import { createId } from '../platform/createId.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import type { StoredTier } from './toRestMeter.ts';

/** A new meter, as the merchant describes it (checked for form already). */
export interface CreateMeterInput {
  name: string;
  meter_slug?: string | undefined;
  rate_type: RateType;
  tier_type: TierType;
  tiers: StoredTier[];
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56) || 'meter';

/**
 * Makes a meter. Its slug, which usage is recorded by, is unique in the account: one given and
 * taken is refused; one made from the name gets `-2`, `-3`… until it is free.
 */
export async function createMeter(
  services: Pick<Services, 'db' | 'dialect' | 'now'>,
  merchant: AuthenticatedMerchant,
  input: CreateMeterInput,
) {
  return services.db.transaction().execute(async (trx) => {
    await lockSubjects(trx, services.dialect, [`meter-slug:${merchant.id}`]);
    const taken = new Set(
      (
        await trx
          .selectFrom('meters')
          .select('slug')
          .where('merchant_id', '=', merchant.id)
          .where('slug', 'like', `${input.meter_slug ?? slugOf(input.name)}%`)
          .execute()
      ).map((row) => row.slug),
    );
    let slug = input.meter_slug ?? slugOf(input.name);
    if (input.meter_slug !== undefined && taken.has(slug)) {
      throw new ServiceError(
        'already_exists',
        `Lava Checkout: another meter of this account has the meter_slug "${slug}". Choose another slug, or leave it out to have one made from the name.`,
        { param: 'meter_slug' },
      );
    }
    for (let n = 2; taken.has(slug); n++) slug = `${slugOf(input.name)}-${n}`;
    const row = {
      id: createId(ID_PREFIXES.meter, merchant.environment),
      merchant_id: merchant.id,
      name: input.name,
      slug,
      rate_type: input.rate_type,
      tier_type: input.tier_type,
      tiers: JSON.stringify(input.tiers),
      created_at: services.now().toISOString(),
      deleted_at: null,
    };
    await trx.insertInto('meters').values(row).execute();
    return row;
  });
}
