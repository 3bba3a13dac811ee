import type { Schemas } from '../../api/client';
import { formatDate, intlLocale, t } from '../../i18n';

export type Definition = Schemas['Definition'];
export type ReportTable = Schemas['Table'];
export type Report = Schemas['Report'];
export type ReportSummary = Schemas['ReportSummary'];
export type ReportScope = Schemas['ReportScope'];
export type PeriodKind = Definition['periods'][number];

export function scopeWords(scope: ReportScope): string {
  return scope.kind === 'organisation' ? t('reports.scope.organisation') : t('reports.scope.team', { name: scope.name ?? '' });
}

/** "2026-Q3" → "July – September 2026"; "2026" → "2026"; "2026-11" → "November 2026". */
export function periodWords(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = (m: number, withYear: boolean) =>
    new Intl.DateTimeFormat(intlLocale(), {
      month: 'long',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, m - 1, 1)));
  if (period.length === 4) return String(year);
  if (period[5] === 'Q') {
    const q = Number(period[6]);
    return t('reports.period.quarter', { first: month(3 * q - 2, false), last: month(3 * q, true) });
  }
  return month(Number(period.slice(5, 7)), true);
}

/**
 * The periods a report can be made for: those of the kinds the funder asks about that have
 * ended (a report is submitted once its period is over), up to two years back.
 */
export function endedPeriods(kinds: PeriodKind[], today = new Date()): string[] {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  const out: string[] = [];
  for (let y = year; y >= year - 2; y -= 1) {
    if (kinds.includes('year') && y < year) out.push(String(y));
    if (kinds.includes('quarter')) {
      for (let q = 4; q >= 1; q -= 1) if (y < year || 3 * q < month) out.push(`${y}-Q${q}`);
    }
    if (kinds.includes('month')) {
      for (let m = 12; m >= 1; m -= 1) if (y < year || m < month) out.push(`${y}-${String(m).padStart(2, '0')}`);
    }
  }
  // The kinds in the funder's order (the first is what they ask for most), newest first in each.
  const kindOf = (p: string): PeriodKind => (p.length === 4 ? 'year' : p[5] === 'Q' ? 'quarter' : 'month');
  return out.sort((a, b) => kinds.indexOf(kindOf(a)) - kinds.indexOf(kindOf(b)) || (a < b ? 1 : -1));
}

export function submittedWords(report: { submittedAt: string; submittedBy: string }): string {
  return t('reports.submitted', {
    name: report.submittedBy || t('reports.formerStaff'),
    date: formatDate(report.submittedAt.slice(0, 10)),
  });
}
