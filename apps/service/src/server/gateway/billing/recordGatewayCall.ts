import { fromCreditUnits, toCreditUnits } from '../../credits/creditUnits.ts';
import { settleReservation } from '../../credits/settleReservation.ts';
import type { Tables } from '../../platform/db/Database.ts';
import { lockSubjects } from '../../platform/db/lockSubjects.ts';
import { splitAmount } from '../../platform/money/AmountParts.ts';
import { formatMoney, formatUsage, Money, USAGE_PLACES } from '../../platform/money/Money.ts';
import type { Services } from '../../Services.ts';
import { findMeterUsage } from '../../usage/findMeterUsage.ts';
import { insertUsageRequest } from '../../usage/insertUsageRequest.ts';
import { meterQuantity, NO_USAGE } from '../../usage/priceUsage.ts';
import { saveMeterUsage } from '../../usage/saveMeterUsage.ts';
import type { ModelPrice } from '../pricing/MODEL_PRICES.ts';
import { priceMeterCharge, toUsageCounts } from '../pricing/priceMeterCharge.ts';
import { priceProviderCost } from '../pricing/priceProviderCost.ts';
import type { RelayEnd } from '../relayResponse.ts';
import type { NormalizedUsage } from '../usage/NormalizedUsage.ts';
import type { GatewayPayer } from './findGatewayPayer.ts';

/** A gateway call once its answer is done, to record and bill. */
export interface FinishedCall {
  merchant: { id: string; environment: 'test' | 'live' };
  /** `usage_requests.id` and `request_id`: what `x-lava-request-id` said. */
  requestId: string;
  payer: GatewayPayer;
  reservation: { id: string; amount: bigint } | null;
  provider: string;
  keyType: 'managed' | 'unmanaged';
  endpoint: string;
  /** The model the call asked for; the provider's answer may name it more precisely. */
  model: string | null;
  price: ModelPrice | null;
  /** The provider's status, or `null` when it was never reached. */
  status: number | null;
  end: RelayEnd | 'unreachable';
  usage: NormalizedUsage | null;
  metadata: Record<string, string>;
}

/**
 * Records a gateway call as a request and bills it, in one transaction: its usage priced by
 * the meter (graduated over the period), its provider cost from the price table, and, for a
 * customer whose credits pay, its reservation settled at the charge. A call whose answer
 * carried no usage the gateway could read is billed at its reservation when the provider
 * answered with success (a call is never free for being unreadable), and at nothing when the
 * provider refused it. Returns the row.
 */
export async function recordGatewayCall(
  deps: Pick<Services, 'db' | 'dialect' | 'now'>,
  call: FinishedCall,
): Promise<Tables['usage_requests']> {
  const { payer, usage, merchant } = call;
  const now = deps.now();
  const counts = usage ? toUsageCounts(usage) : NO_USAGE;
  const cost = usage && call.price ? priceProviderCost(usage, call.price) : null;
  return deps.db.transaction().execute(async (trx) => {
    const customerId = payer.customer?.id ?? null;
    if (customerId) await lockSubjects(trx, deps.dialect, [`usage:${customerId}`]);
    let charge = new Money(0);
    let breakdown: unknown[] = [];
    const meter = payer.meter;
    if (meter && customerId && payer.periodStart && usage) {
      const period = {
        customer_id: customerId,
        meter_id: meter.id,
        period_start: payer.periodStart,
      };
      const [used] = (await findMeterUsage(trx, period)).rows;
      const before = new Money(used?.quantity ?? 0);
      const priced = priceMeterCharge(meter, {
        counts,
        before,
        providerCost: cost,
        keyType: call.keyType,
      });
      if (priced) {
        charge = priced.charge;
        breakdown = priced.breakdown.map((part) => ({ ...part, cost: formatUsage(part.cost) }));
      }
      const total = before.plus(meterQuantity(meter.tier_type, counts)).toString();
      await saveMeterUsage(trx, { ...period, quantity: total });
    } else if (meter && usage) {
      const priced = priceMeterCharge(meter, {
        counts,
        before: new Money(0),
        providerCost: cost,
        keyType: call.keyType,
      });
      if (priced) {
        charge = priced.charge;
        breakdown = priced.breakdown.map((part) => ({ ...part, cost: formatUsage(part.cost) }));
      }
    } else if (call.reservation && !usage && call.status !== null && call.status < 400) {
      charge = fromCreditUnits(call.reservation.amount);
    }
    charge = charge.toDecimalPlaces(USAGE_PLACES);
    let drawnCycle = new Money(0);
    let drawnBundle = new Money(0);
    if (call.reservation) {
      const settled = await settleReservation(trx, {
        reservationId: call.reservation.id,
        environment: merchant.environment,
        actual: toCreditUnits(charge),
        requestId: call.requestId,
        at: now,
      });
      if (settled) {
        drawnCycle = fromCreditUnits(settled.cycle);
        drawnBundle = fromCreditUnits(settled.bundle);
      }
    }
    const parts = splitAmount(charge);
    const row: Tables['usage_requests'] = {
      id: call.requestId,
      merchant_id: merchant.id,
      request_id: call.requestId,
      customer_id: customerId,
      meter_id: meter?.id ?? null,
      subscription_id: payer.subscriptionId,
      usage: JSON.stringify(counts),
      charge: formatUsage(charge),
      drawn_cycle: formatMoney(drawnCycle),
      drawn_bundle: formatMoney(drawnBundle),
      breakdown: JSON.stringify({ rate_type: meter?.rate_type ?? 'fixed', breakdown }),
      metadata: JSON.stringify(call.metadata),
      created_at: now.toISOString(),
      usage_tokens: counts.input_tokens + counts.output_tokens,
      charge_trillions: parts.trillions,
      charge_ones: parts.ones,
      charge_fraction: parts.fraction,
      provider: call.provider,
      model: usage?.model ?? call.model,
      endpoint: call.endpoint,
      provider_key_type: call.keyType,
      cost: cost === null ? null : formatUsage(cost),
      status:
        call.end === 'completed' && call.status !== null && call.status < 400
          ? 'completed'
          : call.end,
    };
    await insertUsageRequest(trx, row);
    return row;
  });
}
