/**
 * The figures of work in words: each new unit and part has its words in every language, and a
 * row behind a figure of work says the fact that figure counts (not a key or a bare number).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale, type Locale } from '../../i18n';
import { centsOf } from '../employers/words';
import { partLabel, rowDetail, unitWords, type OutcomeRow } from './words';

beforeEach(() => {
  vi.stubGlobal('document', { documentElement: { lang: '', dir: '' } });
  vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
});

afterEach(async () => {
  await setLocale('en');
  vi.unstubAllGlobals();
});

const PARTS = [
  'in_work',
  'not_in_work',
  'yes',
  'no',
  'unknown',
  'with_hours',
  'no_hours',
  'at_least',
  'below',
  'no_pay',
  'other_currency',
  'employers',
  'titles',
  'sectors',
  'quit',
  'contract_ended',
  'interview',
  'started',
];

describe.each(['en', 'pl', 'fi', 'he'] as Locale[])('in %s', (language) => {
  it('names every new unit and part', async () => {
    await setLocale(language);
    for (const unit of ['hours_per_week', 'employers', 'opportunities'] as const) {
      expect(unitWords(unit, 3)).not.toMatch(/^outcomes\./);
    }
    for (const key of PARTS) {
      const label = partLabel({ kind: 'status', key, value: 1 });
      expect(label, key).not.toBe(key);
      expect(label).not.toMatch(/^(outcomes|jobs|opportunities)\./);
    }
  });
});

function row(more: Partial<OutcomeRow>): OutcomeRow {
  return { kind: 'client', id: 'c1', name: 'Ana', coachName: 'Ada', day: '2026-11-17', counted: true, ...more };
}

it('says what each row of a figure of work counts', async () => {
  await setLocale('en');
  expect(rowDetail('competitive_integrated', row({ detail: 'Cook', value: null, counted: false }))).toContain(
    'answers missing',
  );
  expect(rowDetail('paid_minimum', row({ detail: 'Cook', value: 12.5 }))).toContain('12.50 an hour');
  expect(rowDetail('job_hours', row({ detail: 'Cook', value: null, counted: false }))).toContain('No hours recorded');
  expect(rowDetail('job_endings', row({ detail: 'quit' }))).toContain('The client left');
  expect(rowDetail('opportunity_funnel', row({ detail: 'offer' }))).toContain('Offer');
  expect(rowDetail('days_to_job', row({ value: 14, detail: 'Cook' }))).toContain('14 days');
});

it('reads a minimum wage as cents', () => {
  expect(centsOf('12.50')).toBe(1250);
  expect(centsOf('12,5')).toBe(1250);
  expect(centsOf(' ')).toBeNull();
  expect(centsOf('twelve')).toBeNaN();
});
