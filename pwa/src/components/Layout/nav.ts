import { t, type Key } from '../../i18n';
import type { IconName } from '../Icon/Icon';

export interface NavItem {
  href: string;
  label: Key;
}

export interface Tab extends NavItem {
  icon: IconName;
}

/**
 * A client's main navigation: four destinations, each an icon with a word, for a phone and a
 * person who reads little. Everything else is one tap away under "More".
 */
export const CLIENT_TABS: Tab[] = [
  { href: '/', label: 'nav.today', icon: 'today' },
  { href: '/tasks', label: 'nav.tasksTab', icon: 'tasks' },
  { href: '/goals', label: 'nav.goalsTab', icon: 'goals' },
  { href: '/more', label: 'nav.more', icon: 'more' },
];

/** What "More" lists for a client, in the order a client needs them. */
export const CLIENT_MORE: NavItem[] = [
  { href: '/shifts', label: 'shifts.myTitle' },
  { href: '/together', label: 'activity.togetherTitle' },
  { href: '/journey', label: 'journey.mine.nav' },
  // At work: the workplace, the coach's support there, and what the client shares with it.
  { href: '/my-work', label: 'workplace.mine.nav' },
  { href: '/my-support', label: 'fading.mine.nav' },
  { href: '/handover', label: 'handover.mine.nav' },
  { href: '/profile', label: 'profile.nav' },
  { href: '/opportunities', label: 'opportunities.client.title' },
  { href: '/sharing', label: 'sharing.nav' },
  { href: '/agreements', label: 'agreements.myTitle' },
  { href: '/reminders', label: 'reminders.myTitle' },
  { href: '/my-data', label: 'mydata.nav' },
  { href: '/passkeys', label: 'nav.passkeys' },
  { href: '/settings', label: 'nav.settings' },
];

const STAFF = ['admin', 'coordinator', 'coach'];

/**
 * Staff keep a short row of links in the header — their daily work — and the rest under
 * "More" (at 320 px with 200 % text, nine links filled a phone's first screen). Family and
 * mentors have few destinations: all of them stay in the header.
 */
export function navFor(role: string | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [{ href: '/', label: 'nav.home' }];
  if (role === 'coach' || role === 'coordinator') items.push({ href: '/week', label: 'week.nav' });
  if (STAFF.includes(role)) {
    items.push({ href: '/employers', label: 'employers.nav' });
    // The figures: a coordinator's team, an administrator's organisation, a coach's caseload.
    items.push({ href: '/results', label: 'outcomes.nav' });
    items.push({ href: '/more', label: 'nav.more' });
    return items;
  }
  if (role === 'family') items.push({ href: '/my-data', label: 'mydata.nav' });
  items.push({ href: '/passkeys', label: 'nav.passkeys' });
  items.push({ href: '/settings', label: 'nav.settings' });
  return items;
}

/** What "More" lists: a client's other destinations, or a staff member's. */
export function moreFor(role: string | undefined): NavItem[] {
  if (role === 'client') return CLIENT_MORE;
  const items: NavItem[] = [];
  const leads = role === 'admin' || role === 'coordinator';
  // The team's development and reporting, and one's own development.
  if (leads) items.push({ href: '/team-development', label: 'competence.team.title' });
  if (role === 'coach' || role === 'coordinator') items.push({ href: '/development', label: 'competence.my.title' });
  if (leads) items.push({ href: '/reports', label: 'reports.title' });
  if (leads) items.push({ href: '/fidelity', label: 'fidelity.title' });
  if (leads) items.push({ href: '/people', label: 'nav.people' });
  // Coordinators review their team's log (consent changes and shares included).
  if (role === 'admin' || role === 'coordinator') items.push({ href: '/audit', label: 'nav.audit' });
  if (role === 'admin') items.push({ href: '/pta/questions', label: 'pta.admin.nav' });
  if (role === 'admin') items.push({ href: '/agreement-templates', label: 'agreements.templates.nav' });
  items.push({ href: '/passkeys', label: 'nav.passkeys' });
  items.push({ href: '/settings', label: 'nav.settings' });
  return items;
}

function under(href: string, path: string): boolean {
  return path === href || path.startsWith(`${href}/`);
}

export function isCurrent(href: string, path: string): boolean {
  if (href === '/') {
    return (
      path === '/' ||
      path === '/family' ||
      path.startsWith('/clients/') ||
      path.startsWith('/conversations/') ||
      path === '/invite'
    );
  }
  return under(href, path);
}

/** Staff's "More" is current on "More" and on each screen it lists. */
export function isCurrentFor(role: string | undefined, href: string, path: string): boolean {
  if (href === '/more') return under('/more', path) || moreFor(role).some((item) => under(item.href, path));
  return isCurrent(href, path);
}

/** The client's tab that a screen belongs to: each screen under "More" marks "More". */
export function isCurrentTab(href: string, path: string): boolean {
  if (href === '/more') return under('/more', path) || CLIENT_MORE.some((item) => under(item.href, path));
  return href === '/' ? path === '/' : under(href, path);
}

/**
 * The way back from a screen that a client opens under "More": back to "More". A client has no
 * "Home" (their first tab is "Today"); everyone else's way back is their home screen.
 */
export function backFromMore(role: string | undefined): { href: string; label: string } {
  return role === 'client' ? { href: '/more', label: t('nav.more') } : { href: '/', label: t('nav.home') };
}

/**
 * A focused screen: no main navigation, only its own way back (the task player, where the
 * client's one job is the step in front of them).
 */
export function focusedBack(role: string | undefined, path: string): NavItem | null {
  if (role === 'client' && /^\/tasks\/[^/]+$/.test(path)) return { href: '/tasks', label: 'player.backToTasks' };
  return null;
}
