import { t } from '../../i18n';
import type { ReportTable } from './words';

/**
 * A funder's table on a phone: each field in turn, its figures by column, and what it counts
 * one tap away. Suppressed counts show as the funder reads them ("≤ 5", "–"), with the rule
 * written under the table.
 */
export function ReportTableView({ table }: { table: ReportTable }) {
  return (
    <div class="report-table">
      <ul class="report-rows">
        {table.rows.map((row) => (
          <li key={row.id}>
            <section class="card report-row" aria-labelledby={`report-row-${row.id}`}>
              <h3 class="card__title" id={`report-row-${row.id}`}>
                {row.label}
                {row.code && <span class="report-row__code"> ({row.code})</span>}
              </h3>
              <dl class="report-row__cells">
                {table.columns.map((column, i) => {
                  const cell = row.cells[i];
                  return (
                    <div key={column.id} class="report-row__cell">
                      <dt>{column.label}</dt>
                      <dd>
                        <strong>{cell?.shown ?? ''}</strong>
                        {cell?.state === 'small' && <span class="report-row__why"> {t('reports.small')}</span>}
                        {cell?.state === 'complement' && <span class="report-row__why"> {t('reports.hidden')}</span>}
                      </dd>
                    </div>
                  );
                })}
              </dl>
              <details class="report-row__definition">
                <summary>{t('reports.whatThisCounts')}</summary>
                <p>{row.definition}</p>
              </details>
            </section>
          </li>
        ))}
      </ul>
      {table.notes.map((note) => (
        <p key={note} class="report-note">
          {note}
        </p>
      ))}
    </div>
  );
}
