import type { MeterSummary, PageBootstrap } from '../shared/PageBootstrap.ts';
import type { I18n } from './i18n/createI18n.ts';
import { useI18n } from './i18n/I18nContext.ts';

type ActiveBootstrap = Extract<PageBootstrap, { status: 'active' }>;

export interface OrderSummaryProps {
  merchant: ActiveBootstrap['merchant'];
  offer: ActiveBootstrap['offer'];
  testMode: boolean;
  /**
   * The customer turned out to have the plan already: nothing is due, and the next renewal is
   * their subscription's, not one this checkout would start. @default false
   */
  alreadySubscribed?: boolean;
  /**
   * The customer has a cheaper plan, which this one replaces today: what is due instead of the
   * price (the price less the unused part of theirs). @default null
   */
  amountDue?: string | null;
}

/** What one meter costs once the credit is used, tier by tier: `$3.00 per million tokens`. */
function meterRate(i18n: I18n, meter: MeterSummary): string {
  const { t } = i18n;
  return meter.tiers
    .map((tier, index) => {
      const rate =
        meter.rateType === 'percentage'
          ? t.summary.percentage(i18n.number(tier.rate))
          : `${i18n.money(tier.rate)} ${t.summary.unit[meter.tierType]}`;
      return index === 0 ? rate : t.summary.fromUnits(rate, i18n.number(tier.start));
    })
    .join(', ');
}

/**
 * What the customer buys and what it costs, on every step: the merchant, the plan, what is due
 * today, when it renews, the included credit and what usage costs after it; or the credit
 * bundle, its price and credits. A customer who has the plan already owes nothing. A pure
 * function of the session's bootstrap and the language.
 */
export function OrderSummary({
  merchant,
  offer,
  testMode,
  alreadySubscribed = false,
  amountDue = null,
}: OrderSummaryProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="summary" aria-label={t.summary.orderSummary}>
      <p className="merchant">
        {merchant.logoUrl ? (
          <img className="logo" src={merchant.logoUrl} alt="" width={28} height={28} />
        ) : null}
        <span>{merchant.name}</span>
        {testMode ? <span className="badge">{t.summary.testMode}</span> : null}
      </p>
      <h1>{offer.kind === 'subscription' ? offer.planName : offer.bundleName}</h1>
      <dl className="due">
        <dt>{t.summary.dueToday}</dt>
        <dd>{alreadySubscribed ? t.summary.nothingDue : i18n.money(amountDue ?? offer.price)}</dd>
      </dl>
      {offer.kind === 'subscription' ? (
        <ul className="terms-list">
          {amountDue !== null && !alreadySubscribed ? <li>{t.summary.upgradeNote}</li> : null}
          {alreadySubscribed ? null : (
            <li>{t.summary.renews[offer.billingInterval](i18n.date(offer.renewsAt))}</li>
          )}
          {/[1-9]/.test(offer.includedCredit) ? (
            <li>
              {t.summary.includedCredit[offer.billingInterval](i18n.money(offer.includedCredit))}
            </li>
          ) : null}
          {offer.meters.length > 0 ? (
            <li>
              {t.summary.afterCredit}:
              <ul>
                {offer.meters.map((meter) => (
                  <li key={meter.name}>
                    {meter.name}: {meterRate(i18n, meter)}
                  </li>
                ))}
              </ul>
            </li>
          ) : null}
        </ul>
      ) : (
        <ul className="terms-list">
          <li>{t.summary.bundleCredits(i18n.money(offer.credits), offer.planName)}</li>
          <li>{t.summary.oneTime}</li>
        </ul>
      )}
    </section>
  );
}
