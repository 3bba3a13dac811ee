import { intlLocale, t } from '../../i18n';
import { figureNumber, periodName, type Figure } from './words';

const W = 320;
const H = 120;
const PAD = 8;
const BOTTOM = 20;

/** "Nov", "lis": a month in the reader's short form (a chosen run of days: its first day). */
function shortPeriod(start: string): string {
  const [y, m, d] = start.split('-').map(Number);
  const first = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions =
    d === 1 ? { month: 'short', timeZone: 'UTC' } : { day: 'numeric', month: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlLocale(), options).format(first);
}

/**
 * The figure over the last six periods as bars: for sighted readers, hidden from screen
 * readers — the table below holds the same numbers and is the text alternative.
 */
export function TrendChart({ figure }: { figure: Figure }) {
  const points = figure.trend ?? [];
  const values = points.map((p) => p.value ?? 0);
  // A face's scale runs from −2 to +2: its bars go up or down from the middle line.
  const signed = figure.unit === 'mood';
  const top = signed ? 2 : Math.max(1, ...values, figure.unit === 'percent' ? 100 : 0);
  const bottom = signed ? -2 : Math.min(0, ...values);
  const slot = (W - 2 * PAD) / Math.max(1, points.length);
  const inner = H - PAD - BOTTOM;
  /** Where a value sits, from the top of the drawing. */
  const y = (value: number) => PAD + (inner * (top - value)) / (top - bottom);
  const id = `trend-${figure.id}`;
  // "Out of" only for a share or a part of something (a mean or a count has none).
  const hasBase = points.some((p) => p.base !== null && p.base !== undefined);
  return (
    <div class="outcome-trend">
      <svg class="outcome-trend__chart" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        <line class="outcome-trend__axis" x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} />
        {points.map((p, i) => {
          const value = p.value ?? 0;
          return (
            <g key={p.start}>
              <rect
                class={i === points.length - 1 ? 'outcome-trend__bar outcome-trend__bar--now' : 'outcome-trend__bar'}
                x={PAD + i * slot + slot * 0.2}
                y={y(Math.max(value, 0))}
                width={slot * 0.6}
                height={Math.abs(y(value) - y(0))}
              />
              <text class="outcome-trend__label" x={PAD + i * slot + slot / 2} y={H - 5} text-anchor="middle">
                {shortPeriod(p.start)}
              </text>
            </g>
          );
        })}
      </svg>
      <details class="outcome-trend__details">
        <summary>{t('outcomes.trendTable')}</summary>
        <div class="outcome-table-wrap" role="group" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table class="outcome-table">
            <caption id={`${id}-caption`}>{t('outcomes.trendCaption', { name: figure.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outcomes.col.period')}</th>
                <th scope="col">{t('outcomes.col.value')}</th>
                {hasBase && <th scope="col">{t('outcomes.col.base')}</th>}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.start}>
                  <th scope="row">{periodName(p.start, p.end)}</th>
                  <td>{figureNumber(p.value, figure.unit)}</td>
                  {hasBase && <td>{p.base ?? '–'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
