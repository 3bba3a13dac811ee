import { intlLocale, t } from '../../i18n';
import { dateInWords } from '../shifts/words';
import { hours, percent, type FadingWeek } from './words';

const W = 320;
const H = 180;
const PAD = 30;
const BOTTOM = 24;

/** "26/10", "26.10.": a week's Monday in the reader's own short form (the chart's labels). */
function shortDay(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

/** The chart's scale: whole hours a little above the largest week. */
function top(weeks: FadingWeek[]): number {
  const most = Math.max(60, ...weeks.map((w) => Math.max(w.coachMinutes, w.plannedMinutes ?? 0)));
  return Math.ceil(most / 60) * 60;
}

/**
 * Planned against actual coach hours a week as bars (planned outlined, actual filled), and the
 * share of steps done on their own as a dotted line (0–100 % on the same height): for sighted
 * readers, hidden from screen readers — the table below holds the same numbers and is the text
 * alternative.
 */
export function FadingChart({ weeks, id }: { weeks: FadingWeek[]; id: string }) {
  if (weeks.length === 0) return <p>{t('fading.noWeeks')}</p>;
  const scale = top(weeks);
  const inner = H - PAD / 2 - BOTTOM;
  const slot = (W - 2 * PAD) / weeks.length;
  const bar = Math.max(3, Math.min(14, slot / 3));
  const y = (minutes: number) => PAD / 2 + inner - (minutes / scale) * inner;
  const yShare = (share: number) => PAD / 2 + inner - (share / 100) * inner;
  const x = (i: number) => PAD + i * slot + slot / 2;
  const shares = weeks
    .map((w, i) => (w.independentPercent === null || w.independentPercent === undefined ? '' : `${x(i)},${yShare(w.independentPercent)}`))
    .filter(Boolean)
    .join(' ');
  const labelEvery = Math.ceil(weeks.length / 4);
  return (
    <>
      <svg class="fading-chart" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        <line class="fading-chart__axis" x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} />
        <text class="fading-chart__label" x={2} y={y(scale) + 4}>
          {hours(scale)}
        </text>
        <text class="fading-chart__label" x={2} y={y(0) + 4}>
          0
        </text>
        {weeks.map((w, i) => (
          <g key={w.weekStart}>
            {w.plannedMinutes !== null && w.plannedMinutes !== undefined && (
              <rect
                class="fading-chart__planned"
                x={x(i) - bar - 1}
                y={y(w.plannedMinutes)}
                width={bar}
                height={Math.max(0, y(0) - y(w.plannedMinutes))}
              />
            )}
            <rect
              class={w.overPlan ? 'fading-chart__actual fading-chart__actual--over' : 'fading-chart__actual'}
              x={x(i) + 1}
              y={y(w.coachMinutes)}
              width={bar}
              height={Math.max(0, y(0) - y(w.coachMinutes))}
            />
            {i % labelEvery === 0 && (
              <text class="fading-chart__label" x={x(i) - 14} y={H - 6}>
                {shortDay(w.weekStart)}
              </text>
            )}
          </g>
        ))}
        {shares && <polyline class="fading-chart__own" points={shares} />}
      </svg>
      <p class="field__hint">{t('fading.legend')}</p>
      {/* Too wide for a narrow phone at large text, the table scrolls in its own region, which
          a keyboard can reach (WCAG 1.4.10 allows it for data tables). */}
      <h3 class="fading-table__title" id={`${id}-caption`}>
        {t('fading.tableCaption')}
      </h3>
      <div class="fading-table-wrap" role="group" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table class="fading-table fading-table--weeks" aria-labelledby={`${id}-caption`}>
          <thead>
            <tr>
              <th scope="col">{t('fading.col.week')}</th>
              <th scope="col">{t('fading.col.planned')}</th>
              <th scope="col">{t('fading.col.actual')}</th>
              <th scope="col">{t('fading.col.shift')}</th>
              <th scope="col">{t('fading.col.presence')}</th>
              <th scope="col">{t('fading.col.own')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">
                  {dateInWords(w.weekStart, false)}
                  {!w.closed && <span class="muted"> {t('fading.open')}</span>}
                </th>
                <td>{hours(w.plannedMinutes)}</td>
                <td>
                  {hours(w.coachMinutes)}
                  {w.overPlan && <strong> {t('fading.over')}</strong>}
                </td>
                <td>{hours(w.shiftMinutes)}</td>
                <td>{percent(w.presencePercent)}</td>
                <td>{percent(w.independentPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
