import type { Schemas } from '../../api/client';
import { t, type Key } from '../../i18n';

type GasSummary = Schemas['GasSummary'];

const W = 320;
const H = 160;
const PAD = 28;
const MIN_T = 20;
const MAX_T = 80;

function y(score: number): number {
  const clamped = Math.max(MIN_T, Math.min(MAX_T, score));
  return PAD + ((MAX_T - clamped) / (MAX_T - MIN_T)) * (H - 2 * PAD);
}

function line(points: (number | null)[], step: number): string {
  return points
    .map((score, i) => (score === null ? '' : `${PAD + i * step},${y(score).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
}

const TRENDS: Record<GasSummary['trend'], Key> = {
  up: 'gas.trend.up',
  down: 'gas.trend.down',
  flat: 'gas.trend.flat',
  unknown: 'gas.trend.unknown',
};

function score(value: number | null | undefined): string {
  return value === null || value === undefined ? t('gas.none') : value.toFixed(1);
}

/**
 * The GAS T-score per period (Kiresuk–Sherman, ρ = 0.3; 50 = as expected) as a small line
 * chart for sighted readers, hidden from screen readers, with the same numbers in a table.
 */
export function GasChart({ summary }: { summary: GasSummary }) {
  const periods = summary.periods;
  if (periods.length === 0) return <p>{t('gas.noPeriods')}</p>;
  const step = periods.length > 1 ? (W - 2 * PAD) / (periods.length - 1) : 0;
  return (
    <>
      <p>
        <strong>{t(TRENDS[summary.trend])}</strong>
      </p>
      <svg class="gas-chart" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        <line class="gas-chart__axis" x1={PAD} x2={W - PAD} y1={y(50)} y2={y(50)} />
        <text class="gas-chart__label" x={2} y={y(50) + 4}>
          50
        </text>
        <polyline class="gas-chart__coach" points={line(periods.map((p) => p.coachT ?? null), step)} />
        <polyline class="gas-chart__client" points={line(periods.map((p) => p.clientT ?? null), step)} />
        {periods.map((p, i) => (
          <text key={p.period} class="gas-chart__label" x={PAD + i * step - 16} y={H - 6}>
            {p.period}
          </text>
        ))}
      </svg>
      <p class="field__hint">{t('gas.legend')}</p>
      {/* Too wide for a narrow phone at large text, the table scrolls inside its own region
          (WCAG 1.4.10 allows it for data tables), which a keyboard can reach; a group, not a
          second region with the card's name. */}
      <div class="data-table-wrap" role="group" aria-labelledby="gas-caption" tabIndex={0}>
        <table class="data-table">
          <caption class="visually-hidden" id="gas-caption">
            {t('gas.tableCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('gas.period')}</th>
              <th scope="col">{t('gas.goals')}</th>
              <th scope="col">{t('gas.coachT')}</th>
              <th scope="col">{t('gas.clientT')}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.period}>
                <th scope="row">{p.period}</th>
                <td>{p.goals}</td>
                <td>{score(p.coachT)}</td>
                <td>{score(p.clientT)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
