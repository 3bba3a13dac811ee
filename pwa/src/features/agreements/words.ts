/** Agreements in plain words: how often and how the two meet, the dates, where it stands. */
import type { Schemas } from '../../api/client';
import { t, type Key } from '../../i18n';
import { formatDay } from '../goals/words';

export type Agreement = Schemas['Agreement'];
export type Version = Schemas['AgreementVersion'];
export type Rhythm = Version['rhythm'];
export type Way = Version['ways'][number];
export type Status = Agreement['status'];

export const RHYTHMS: Rhythm[] = ['weekly', 'every_two_weeks', 'monthly', 'times_per_week', 'times_per_month'];
export const WAYS: Way[] = ['face_to_face', 'phone', 'messages'];

const RHYTHM_NAMES: Record<Rhythm, Key> = {
  weekly: 'agreements.rhythm.weekly',
  every_two_weeks: 'agreements.rhythm.everyTwoWeeks',
  monthly: 'agreements.rhythm.monthly',
  times_per_week: 'agreements.rhythm.timesPerWeek',
  times_per_month: 'agreements.rhythm.timesPerMonth',
};

const RHYTHM_SENTENCES: Record<Rhythm, Key> = {
  weekly: 'agreements.meet.weekly',
  every_two_weeks: 'agreements.meet.everyTwoWeeks',
  monthly: 'agreements.meet.monthly',
  times_per_week: 'agreements.meet.timesPerWeek',
  times_per_month: 'agreements.meet.timesPerMonth',
};

const WAY_NAMES: Record<Way, Key> = {
  face_to_face: 'agreements.way.faceToFace',
  phone: 'agreements.way.phone',
  messages: 'agreements.way.messages',
};

const STATUS_NAMES: Record<Status, Key> = {
  waiting_client: 'agreements.status.waitingClient',
  waiting_partner: 'agreements.status.waitingPartner',
  agreed: 'agreements.status.agreed',
  ended: 'agreements.status.ended',
};

/** "Every week", for a choice. */
export function rhythmName(rhythm: Rhythm): string {
  return t(RHYTHM_NAMES[rhythm]);
}

/** "We meet 2 times a month." */
export function rhythmInWords(version: Version): string {
  return t(RHYTHM_SENTENCES[version.rhythm], { count: version.times ?? 1 });
}

export function wayName(way: Way): string {
  return t(WAY_NAMES[way]);
}

/** "We meet face to face and by phone." */
export function waysInWords(ways: Way[]): string {
  return t('agreements.meetHow', { ways: ways.map(wayName).join(', ') });
}

/** "From 1 Dec 2026 to 1 Mar 2027." */
export function datesInWords(version: Version): string {
  return t('agreements.dates', { start: formatDay(version.startsOn, 'long'), end: formatDay(version.endsOn, 'long') });
}

// The client reads their own agreement in the second person ("Waiting for you to read and agree").
const STATUS_FOR_CLIENT: Record<Status, Key> = {
  ...STATUS_NAMES,
  waiting_client: 'agreements.status.waitingYou',
  waiting_partner: 'agreements.status.youAgreed',
};

export function statusName(status: Status, forClient = false): string {
  return t((forClient ? STATUS_FOR_CLIENT : STATUS_NAMES)[status]);
}

/** "With Ada Coach (job coach)". */
export function partnerInWords(agreement: Agreement): string {
  return t(agreement.partnerRole === 'mentor' ? 'agreements.withMentor' : 'agreements.withCoach', {
    name: agreement.partnerName ?? t('agreements.someoneGone'),
  });
}

/** How often they met, against what they agreed: "You met 3 times. The agreement asks for 4." */
export function meetingsInWords(agreement: Agreement): string | null {
  const meetings = agreement.meetings;
  if (!meetings) return null;
  const expected = t('agreements.meetings.expected', { count: meetings.expected });
  if (meetings.held === null || meetings.held === undefined) return expected;
  return `${t('agreements.meetings.held', { count: meetings.held })} ${expected}`;
}
