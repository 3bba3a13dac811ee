import type { Role } from '../../api/client';
import type { JSX } from 'preact';
import { lazy } from '../../lib/lazy';
import { useMe } from '../../session';
import { ClientHome } from './PersonalHome';

const AdminHome = lazy(() => import('./AdminHome'));
const CoordinatorHome = lazy(() => import('./CoordinatorHome'));
const CoachHome = lazy(() => import('./CoachHome'));
const MentorHome = lazy(() => import('./MentorHome'));
// A family member's home is the feed of what the clients share with them (also at /family).
const FamilyFeed = lazy(() => import('../family/FamilyFeed'));

const HOMES: Record<Role, () => JSX.Element> = {
  admin: () => <AdminHome />,
  coordinator: () => <CoordinatorHome />,
  coach: () => <CoachHome />,
  client: () => <ClientHome />,
  family: () => <FamilyFeed />,
  mentor: () => <MentorHome />,
};

/** `/`: each role's own home screen. */
export default function Home() {
  const me = useMe();
  return HOMES[me.role]();
}
