import { t } from '../../../i18n';
import { formatSessionDay } from '../sessionDay';
import type { Progress } from './coach';

const WIDTH = 320;
const HEIGHT = 160;
const PAD = 28;
/** Room above the 100 % line for its label. */
const TOP = 10;

/**
 * Steps done independently per session, as bars (0–100 %), with the mastery sessions marked.
 * A picture for sighted readers only (`aria-hidden`): the table beside it holds the same
 * numbers for everyone. Nothing moves, so reduced motion has nothing to stop.
 */
export function ProgressChart({ progress }: { progress: Progress }) {
  const sessions = progress.sessions;
  const slot = (WIDTH - PAD) / Math.max(sessions.length, 1);
  const bar = Math.min(slot * 0.7, 40);
  const height = (percent: number) => ((HEIGHT - PAD - TOP) * percent) / 100;
  // Sessions are counted from the task's first; the answer may start later (the latest ones).
  const first = progress.firstSessionNumber ?? 1;
  const masteredFrom =
    progress.sessionsToMastery !== null && progress.sessionsToMastery !== undefined
      ? progress.sessionsToMastery - progress.masterySessions
      : -1;
  return (
    <svg
      class="progress-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="presentation"
      aria-hidden="true"
      focusable="false"
    >
      {[0, 50, 100].map((line) => (
        <g key={line}>
          <line
            class="progress-chart__grid"
            x1={PAD}
            x2={WIDTH}
            y1={HEIGHT - PAD - height(line)}
            y2={HEIGHT - PAD - height(line)}
          />
          <text class="progress-chart__label" x={PAD - 4} y={HEIGHT - PAD - height(line) + 4} text-anchor="end">
            {line}
          </text>
        </g>
      ))}
      {sessions.map((session, index) => {
        const x = PAD + index * slot + (slot - bar) / 2;
        const h = height(session.independentPercent);
        const number = first + index - 1; // from 0 at the task's first session
        const inRun = masteredFrom >= 0 && number >= masteredFrom && number < (progress.sessionsToMastery ?? 0);
        return (
          <g key={session.id}>
            <rect
              class={`progress-chart__bar${inRun ? ' progress-chart__bar--mastery' : ''}`}
              x={x}
              y={HEIGHT - PAD - h}
              width={bar}
              height={Math.max(h, 1)}
            />
            <text class="progress-chart__label" x={x + bar / 2} y={HEIGHT - 8} text-anchor="middle">
              {number + 1}
            </text>
          </g>
        );
      })}
      <title>{t('progress.chartTitle', { count: sessions.length, date: sessions[0] ? formatSessionDay(sessions[0].date, sessions[0].startedAt) : '' })}</title>
    </svg>
  );
}
