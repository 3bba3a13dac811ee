import './Icon.css';

export type IconName =
  | 'forward'
  | 'back'
  | 'chevron'
  | 'speaker'
  | 'help'
  | 'check'
  | 'picture'
  | 'today'
  | 'tasks'
  | 'goals'
  | 'more';
type Name = IconName;

/** Direction-dependent icons mirror in right-to-left languages (Icon.css): "next" points
 * the way the person reads. */
const DIRECTIONAL = new Set<Name>(['forward', 'back', 'chevron']);

const PATHS: Record<Name, string> = {
  forward: 'M4 12h14M13 6l6 6-6 6',
  back: 'M20 12H6M11 6l-6 6 6 6',
  chevron: 'M9 5l7 7-7 7',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12',
  help: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM9.2 9a3 3 0 0 1 5.8 1c0 2-3 2.5-3 4.5M12 17.5v.5',
  check: 'M4 12.5l5 5L20 6.5',
  picture: 'M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15.5 9.5a1.5 1.5 0 1 0 0-.01',
  // The client's tab bar: a sun (today), a ticked list (tasks), a target (goals), three dots.
  today: 'M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  tasks: 'M4 6l1.5 1.5L8 5M4 12l1.5 1.5L8 11M4 18l1.5 1.5L8 17M11 6.5h9M11 12.5h9M11 18.5h9',
  goals: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 12.5v-.5',
  more: 'M6.5 12a1.5 1.5 0 1 1-3 0 1.5 1.5 0 1 1 3 0zM13.5 12a1.5 1.5 0 1 1-3 0 1.5 1.5 0 1 1 3 0zM20.5 12a1.5 1.5 0 1 1-3 0 1.5 1.5 0 1 1 3 0z',
};

/** A simple line icon, decorative (the button or link next to it says what it does). */
export function Icon({ name }: { name: Name }) {
  return (
    <svg
      class={`icon${DIRECTIONAL.has(name) ? ' icon--directional' : ''}`}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
