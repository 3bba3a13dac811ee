import type { Schemas } from '../../api/client';
import { formatDate, intlLocale, t, type Key } from '../../i18n';
import { moodInWords } from '../goals/words';

export type Dashboard = Schemas['Dashboard'];
export type Figure = Schemas['Figure'];
export type OutcomeRow = Schemas['OutcomeRow'];
export type Scope = Schemas['Scope'];
export type Point = Schemas['Point'];

/** What the screen asks for: a scope (none: the reader's own) and a month (none: this one). */
export interface Asked {
  scope?: Scope['kind'];
  id?: string;
  month?: string;
}

export function askedFrom(query: URLSearchParams): Asked {
  const scope = query.get('scope');
  return {
    scope: scope === 'organisation' || scope === 'team' || scope === 'coach' ? scope : undefined,
    id: query.get('id') ?? undefined,
    month: /^\d{4}-\d{2}$/.test(query.get('month') ?? '') ? (query.get('month') ?? undefined) : undefined,
  };
}

export function queryOf(asked: Asked): string {
  const q = new URLSearchParams();
  if (asked.scope) q.set('scope', asked.scope);
  if (asked.id) q.set('id', asked.id);
  if (asked.month) q.set('month', asked.month);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function scopeKey(scope: Scope): string {
  return `${scope.kind}:${scope.id ?? ''}`;
}

export function scopeName(scope: Scope): string {
  if (scope.kind === 'organisation') return t('outcomes.scope.organisation');
  if (scope.kind === 'team') return t('outcomes.scope.team', { name: scope.name ?? '' });
  return t('outcomes.scope.coach', { name: scope.name ?? '' });
}

/** "November 2026": a period's month in the reader's language, or its days. */
export function periodName(start: string, end: string): string {
  const [y, m, d] = start.split('-').map(Number);
  const first = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const next = new Date(Date.UTC(y ?? 1970, m ?? 1, 1));
  const isMonth = d === 1 && new Date(next.getTime() - 86400000).toISOString().slice(0, 10) === end;
  if (isMonth) {
    return new Intl.DateTimeFormat(intlLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(first);
  }
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** The twelve months up to this one, newest first: the month picker's choices. */
export function recentMonths(today = new Date()): { value: string; label: string }[] {
  const out = [];
  for (let i = 0; i < 12; i += 1) {
    const at = new Date(Date.UTC(today.getFullYear(), today.getMonth() - i, 1));
    const value = at.toISOString().slice(0, 7);
    out.push({ value, label: periodName(`${value}-01`, lastDay(at)) });
  }
  return out;
}

function lastDay(first: Date): string {
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

const UNIT: Record<Figure['unit'], Key> = {
  clients: 'outcomes.unit.clients',
  clients_per_coach: 'outcomes.unit.clientsPerCoach',
  percent: 'outcomes.unit.percent',
  days: 'outcomes.unit.days',
  per_coach_week: 'outcomes.unit.perCoachWeek',
  jobs: 'outcomes.unit.jobs',
  hours_per_week: 'outcomes.unit.hoursPerWeek',
  employers: 'outcomes.unit.employers',
  opportunities: 'outcomes.unit.opportunities',
  sessions: 'outcomes.unit.sessions',
  taps: 'outcomes.unit.taps',
  hours_per_client_month: 'outcomes.unit.hoursPerClientMonth',
  t_score: 'outcomes.unit.tScore',
  hours: 'outcomes.unit.hours',
  mood: 'outcomes.unit.mood',
};

export function number(value: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 2 }).format(value);
}

/** "2.5", "20 %" — the figure's number (a dash when there was nothing to count). */
export function figureNumber(value: number | null | undefined, unit: Figure['unit']): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'percent') {
    return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  }
  return number(value);
}

/** The unit after the figure, in the number's form ("1 client", "2 clients", "2.5 clients";
 * Polish's few and many and its fractions): the language's plural rule for the value. */
export function unitWords(unit: Figure['unit'], value?: number | null): string {
  return t(UNIT[unit], { count: value ?? 2 });
}

const PART: Record<string, Key> = {
  face_to_face: 'outcomes.part.faceToFace',
  all: 'outcomes.part.all',
  contacted: 'outcomes.part.contacted',
  waiting: 'outcomes.part.waiting',
  kept: 'outcomes.part.kept',
  not_kept: 'outcomes.part.notKept',
  in_work: 'outcomes.part.inWork',
  not_in_work: 'outcomes.part.notInWork',
  yes: 'outcomes.part.yes',
  no: 'outcomes.part.no',
  unknown: 'outcomes.part.unknown',
  with_hours: 'outcomes.part.withHours',
  no_hours: 'outcomes.part.noHours',
  at_least: 'outcomes.part.atLeast',
  below: 'outcomes.part.below',
  no_pay: 'outcomes.part.noPay',
  other_currency: 'outcomes.part.otherCurrency',
  jobs: 'outcomes.part.jobs',
  employers: 'outcomes.part.employers',
  titles: 'outcomes.part.titles',
  sectors: 'outcomes.part.sectors',
  self_prompts: 'outcomes.part.selfPrompts',
  help_requests: 'outcomes.part.helpRequests',
  planned: 'outcomes.part.planned',
  actual: 'outcomes.part.actual',
  planned_hours: 'outcomes.part.plannedHours',
  actual_hours: 'outcomes.part.actualHours',
  coach: 'outcomes.part.coachRatings',
  client: 'outcomes.part.clientRatings',
  agree: 'outcomes.part.agree',
  client_higher: 'outcomes.part.clientHigher',
  coach_higher: 'outcomes.part.coachHigher',
  very_good: 'goals.mood.veryGood',
  good: 'goals.mood.good',
  ok: 'goals.mood.ok',
  not_good: 'goals.mood.notGood',
  bad: 'goals.mood.bad',
  community: 'outcomes.part.community',
  office: 'outcomes.part.office',
  remote: 'outcomes.part.remote',
  independent: 'training.level.independent',
  verbal: 'training.level.verbal',
  gestural: 'training.level.gestural',
  model: 'training.level.model',
  physical: 'training.level.physical',
};

/** The jobs' end reasons and the opportunities' steps: parts of the job endings and the funnel. */
const END_REASONS = new Set(['quit', 'dismissed', 'contract_ended', 'moved_job', 'health', 'other']);
const STEPS = new Set(['idea', 'contacted', 'applied', 'interview', 'offer', 'started', 'not_now']);

export function partLabel(part: Schemas['Part']): string {
  if (part.kind === 'coach') return part.label ?? '';
  if (part.kind === 'stage') return t(`stage.${part.key}` as Key);
  if (part.kind === 'purpose') return t(`activity.purpose.${part.key}` as Key);
  const key = PART[part.key];
  if (key) return t(key);
  if (END_REASONS.has(part.key)) return t(`jobs.reason.${part.key}` as Key);
  if (STEPS.has(part.key)) return t(`opportunities.step.${part.key}` as Key);
  return part.key;
}

/** "12.50 an hour": a row's pay (the currency is the job's, shown on the job). */
function pay(value: number): string {
  const amount = new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return t('outcomes.row.pay', { pay: amount });
}

/** What a row behind a figure of work says: the job's title, and the figure's own fact. */
function jobDetail(indicator: string, row: OutcomeRow): string[] | null {
  const since = t('outcomes.row.since', { date: formatDate(row.day ?? null) });
  switch (indicator) {
    case 'employment_rate':
      return [
        t('outcomes.row.intake', { date: formatDate(row.day ?? null) }),
        row.counted ? (row.detail ?? '') : t('outcomes.part.notInWork'),
      ];
    case 'days_to_job':
      return [
        t('outcomes.row.intake', { date: formatDate(row.day ?? null) }),
        row.counted ? t('outcomes.row.days', { n: row.value ?? 0 }) : t('outcomes.part.waiting'),
        row.detail ?? '',
      ];
    case 'competitive_integrated': {
      const answer = row.value === 1 ? 'yes' : row.value === 0 ? 'no' : 'unknown';
      return [row.detail ?? '', since, t(`outcomes.row.ci.${answer}` as Key)];
    }
    case 'job_hours':
      return [
        row.detail ?? '',
        row.value === null || row.value === undefined
          ? t('outcomes.part.noHours')
          : t('outcomes.row.hours', { n: number(row.value) }),
      ];
    case 'paid_minimum':
      return [
        row.detail ?? '',
        row.value === null || row.value === undefined ? t('outcomes.part.noPay') : pay(row.value),
        row.counted ? t('outcomes.part.atLeast') : '',
      ];
    case 'job_variety':
      return [row.detail ?? '', since];
    case 'job_endings':
      return [
        t('outcomes.row.ended', { date: formatDate(row.day ?? null) }),
        END_REASONS.has(row.detail ?? '') ? t(`jobs.reason.${row.detail}` as Key) : '',
      ];
    case 'opportunity_funnel':
      return [STEPS.has(row.detail ?? '') ? t(`opportunities.step.${row.detail}` as Key) : '', formatDate(row.day ?? null)];
    default:
      return null;
  }
}

/** What a row says beside its name, for the figure it is behind. */
export function rowDetail(indicator: string, row: OutcomeRow): string {
  const bits: string[] = [];
  if (row.coachName) bits.push(row.coachName);
  if (row.kind === 'activity') {
    bits.push(formatDate(row.day ?? null));
    if (row.detail) bits.push(t(`activity.mode.${row.detail}` as Key));
    return bits.join(' · ');
  }
  const ofJob = jobDetail(indicator, row);
  if (ofJob) {
    bits.push(...ofJob);
  } else if (indicator === 'no_contact_30') {
    bits.push(row.day ? t('outcomes.row.lastContact', { date: formatDate(row.day) }) : t('outcomes.row.noContact'));
  } else if (indicator === 'past_target') {
    bits.push(t(`stage.${row.detail}` as Key), t('outcomes.row.overBy', { n: row.value ?? 0 }));
  } else if (indicator === 'by_stage' && row.detail) {
    bits.push(row.detail.split(',').map((s) => t(`stage.${s}` as Key)).join(', '));
  } else if (indicator === 'days_to_employer_contact') {
    bits.push(t('outcomes.row.intake', { date: formatDate(row.day ?? null) }));
    bits.push(row.counted ? t('outcomes.row.days', { n: row.value ?? 0 }) : t('outcomes.part.waiting'));
  } else if (indicator === 'job_starts') {
    bits.push(row.detail ?? '', formatDate(row.day ?? null), t('outcomes.row.hours', { n: number(row.value ?? 0) }));
  } else if (indicator.startsWith('retention_')) {
    bits.push(row.detail ?? '', formatDate(row.day ?? null), row.counted ? t('outcomes.part.kept') : t('outcomes.part.notKept'));
  } else if (PRACTICE_ROWS[indicator]) {
    bits.push(...PRACTICE_ROWS[indicator](row));
  } else if (indicator === 'caseload' && row.day) {
    bits.push(t('outcomes.row.intake', { date: formatDate(row.day) }));
  }
  return bits.filter(Boolean).join(' · ');
}

function percent(value: number | null | undefined): string {
  return figureNumber(value, 'percent');
}

function pair(detail: string | undefined, sep: string): [string, string] {
  const [a = '0', b = '0'] = (detail ?? '').split(sep);
  return [a, b];
}

/** The rows of the independence, goals and coach-time figures: what each row's value and detail
 * hold is written beside each figure in backend/outcomes/figures_practice.py. */
const PRACTICE_ROWS: Record<string, (row: OutcomeRow) => string[]> = {
  steps_independent: (row) => {
    const [own, all] = pair(row.detail, '/');
    return [percent(row.value), t('outcomes.row.ownSteps', { own, all })];
  },
  sessions_to_mastery: (row) => [
    row.detail ?? '',
    formatDate(row.day ?? null),
    t('outcomes.row.sessions', { n: row.value ?? 0 }),
  ],
  days_to_mastery: (row) => [row.detail ?? '', formatDate(row.day ?? null), t('outcomes.row.days', { n: row.value ?? 0 })],
  after_mastery: (row) => {
    const [prompts, helps] = pair(row.detail, ',');
    return [t('outcomes.row.afterMastery', { prompts, helps })];
  },
  coach_hours_per_client: (row) => [t('outcomes.row.hoursInPeriod', { n: number(row.value ?? 0) })],
  coach_presence: (row) => [
    t('outcomes.row.presence', { actual: percent(row.value), planned: percent(row.detail ? Number(row.detail) : null) }),
  ],
  gas_t_score: (row) => [
    t('outcomes.row.gas', {
      coach: row.value === null || row.value === undefined ? t('outcomes.row.notRated') : number(row.value),
      client: row.detail ? number(Number(row.detail)) : t('outcomes.row.notRated'),
    }),
  ],
  gas_agreement: (row) => {
    const [agree, all] = pair(row.detail, '/');
    return [t('outcomes.row.agree', { agree, all })];
  },
  community_time: (row) => [t('outcomes.row.community', { share: percent(row.value), n: number(Number(row.detail ?? 0)) })],
  mood: (row) => [t('outcomes.row.mood', { mood: row.value === null || row.value === undefined ? '' : moodInWords(row.value) })],
  time_by_purpose: (row) => [
    t('outcomes.row.mostly', {
      n: number(row.value ?? 0),
      purpose: row.detail ? t(`activity.purpose.${row.detail}` as Key) : '',
    }),
  ],
};

/** The figures' rows titles, kept from the last dashboard shown (the rows screen's heading). */
export const rowsTitles = new Map<string, string>();

/** The dashboard's groups, in the order of a supported employment's work: each figure's. */
const GROUP_OF: Record<string, OutcomeGroup> = {
  caseload: 'caseload',
  by_stage: 'caseload',
  past_target: 'caseload',
  no_contact_30: 'caseload',
  conversation_coverage: 'caseload',
  employer_contacts: 'finding',
  employer_contacts_face: 'finding',
  days_to_employer_contact: 'finding',
  opportunity_funnel: 'finding',
  days_to_job: 'finding',
  job_starts: 'jobs',
  employment_rate: 'jobs',
  competitive_integrated: 'jobs',
  job_hours: 'jobs',
  paid_minimum: 'jobs',
  job_variety: 'jobs',
  job_endings: 'jobs',
  steps_independent: 'independence',
  sessions_to_mastery: 'independence',
  days_to_mastery: 'independence',
  after_mastery: 'independence',
  coach_presence: 'independence',
  gas_t_score: 'goals',
  gas_agreement: 'goals',
  mood: 'goals',
  coach_hours_per_client: 'time',
  community_time: 'time',
  time_by_purpose: 'time',
};

export type OutcomeGroup = 'caseload' | 'finding' | 'jobs' | 'retention' | 'independence' | 'goals' | 'time';
const GROUPS: OutcomeGroup[] = ['caseload', 'finding', 'jobs', 'retention', 'independence', 'goals', 'time'];

/** The figures by group, in the groups' order and the server's order within each. */
export function groupsOf(figures: Figure[]): [OutcomeGroup, Figure[]][] {
  const by = new Map<OutcomeGroup, Figure[]>();
  for (const f of figures) {
    const group = f.id.startsWith('retention_') ? 'retention' : (GROUP_OF[f.id] ?? 'caseload');
    by.set(group, [...(by.get(group) ?? []), f]);
  }
  return GROUPS.filter((g) => by.has(g)).map((g) => [g, by.get(g) ?? []]);
}
