import { useId } from 'react';
import type { UsageDay } from '../../shared/accountContract.ts';
import { useI18n } from '../i18n/I18nContext.ts';
import { useAccountMessages } from './useAccountMessages.ts';

const WIDTH = 320;
const HEIGHT = 96;
const GAP = 2;

export interface UsageChartProps {
  days: readonly UsageDay[];
}

/** A day as the customer reads it in a table: `Dec 1`, `1 dic`. */
const shortDate = (locale: string, date: string) =>
  new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/**
 * The cycle's usage per day as bars, drawn in inline SVG (no chart library: a few dozen bars
 * cost less than any), named by what it shows for screen readers, with the same numbers as a
 * table one click away.
 */
export function UsageChart({ days }: UsageChartProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const titleId = useId();
  if (days.length === 0 || days.every((day) => Number(day.amount) === 0)) {
    return <p className="hint">{t.usage.none}</p>;
  }
  const amounts = days.map((day) => Number(day.amount));
  const max = Math.max(...amounts);
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  const slot = WIDTH / days.length;
  return (
    <figure className="usage">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        preserveAspectRatio="none"
        className="usage-chart"
      >
        <title id={titleId}>{t.usage.chart(i18n.money(total.toFixed(2)), days.length)}</title>
        {amounts.map((amount, index) => {
          const height = max > 0 ? Math.max(amount > 0 ? 2 : 0, (amount / max) * HEIGHT) : 0;
          return (
            <rect
              // Days are the chart's order and never move.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={index}
              x={index * slot + GAP / 2}
              y={HEIGHT - height}
              width={Math.max(1, slot - GAP)}
              height={height}
            />
          );
        })}
      </svg>
      <details>
        <summary>{t.usage.table}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.usage.day}</th>
              <th scope="col">{t.usage.amount}</th>
              <th scope="col">{t.usage.requests}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{shortDate(i18n.locale, day.date)}</th>
                <td>{i18n.money(day.amount)}</td>
                <td>{i18n.number(String(day.requests))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
