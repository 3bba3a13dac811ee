import type { ComponentType, JSX } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, api, setUnauthorizedHandler, type Me, type Role } from './api/client';
import { Layout } from './components/Layout/Layout';
import { onConnectionChange, isOnline } from './data/connection';
import { rememberMe } from './data/me';
import { startOutbox } from './data/outbox';
import { forgetDay, prefetchClientData } from './data/day';
import { Enroll } from './features/auth/Enroll';
import { SignIn } from './features/auth/SignIn';
import { NotFound, NotForYou } from './features/home/NotFound';
import { applyPreferences } from './features/settings/apply';
import { isLocale, loadMore, moreIsLoaded, setLocale, type Locale } from './i18n';
import { lazy } from './lib/lazy';
import { match, navigate, useLocation } from './lib/router';
import { SessionContext, type Session } from './session';

export const LOCALE_KEY = 'stepwise.locale';

// Everything behind sign-in is loaded on first use: the sign-in page stays small.
const Home = lazy(() => import('./features/home/Home'));
const More = lazy(() => import('./features/home/More'));
const InvitePage = lazy(() => import('./features/invitations/InvitePage'));
const ClientPage = lazy(() => import('./features/clients/ClientPage'));
const ClientTasksScreen = lazy(() => import('./features/clients/ClientTasksScreen'));
const ClientShiftsScreen = lazy(() => import('./features/clients/ClientShiftsScreen'));
const ClientFamilyScreen = lazy(() => import('./features/clients/ClientFamilyScreen'));
const ClientRemindersScreen = lazy(() => import('./features/clients/ClientRemindersScreen'));
const Passkeys = lazy(() => import('./features/passkeys/Passkeys'));
const Settings = lazy(() => import('./features/settings/Settings'));
const People = lazy(() => import('./features/people/People'));
const Audit = lazy(() => import('./features/audit/Audit'));
const TaskList = lazy(() => import('./features/tasks/TaskList'));
const TaskPlayer = lazy(() => import('./features/tasks/TaskPlayer'));
const MyShifts = lazy(() => import('./features/shifts/MyShifts'));
const CoachWeek = lazy(() => import('./features/shifts/CoachWeek'));
const Reminders = lazy(() => import('./features/reminders/Reminders'));
const Sharing = lazy(() => import('./features/family/Sharing'));
const FamilyFeed = lazy(() => import('./features/family/FamilyFeed'));
const MyData = lazy(() => import('./features/privacy/MyData'));
const NewTask = lazy(() => import('./features/tasks/coach/NewTask'));
const TaskBuilder = lazy(() => import('./features/tasks/coach/TaskBuilder'));
const TaskPreview = lazy(() => import('./features/tasks/coach/TaskPreview'));
const TrainingSession = lazy(() => import('./features/tasks/coach/TrainingSession'));
const TaskProgress = lazy(() => import('./features/tasks/coach/TaskProgress'));
const MyGoals = lazy(() => import('./features/goals/MyGoals'));
const GoalScreen = lazy(() => import('./features/goals/GoalScreen'));
const GoalRate = lazy(() => import('./features/goals/GoalRate'));
const ClientGoals = lazy(() => import('./features/goals/ClientGoals'));
const GoalNew = lazy(() => import('./features/goals/GoalNew'));
const CoachGoal = lazy(() => import('./features/goals/CoachGoal'));
const Conversations = lazy(() => import('./features/pta/Conversations'));
const ConversationScreen = lazy(() => import('./features/pta/ConversationScreen'));
const ConversationCompare = lazy(() => import('./features/pta/ConversationCompare'));
const QuestionSets = lazy(() => import('./features/pta/QuestionSets'));
const PrivacyNoticeScreen = lazy(() => import('./features/privacy/PrivacyNoticeScreen'));
const OrganisationScreen = lazy(() => import('./features/people/OrganisationScreen'));
const MyAgreements = lazy(() => import('./features/agreements/MyAgreements'));
const ClientAgreements = lazy(() => import('./features/agreements/ClientAgreements'));
const AgreementScreen = lazy(() => import('./features/agreements/AgreementScreen'));
const AgreementForm = lazy(() => import('./features/agreements/AgreementForm'));
const MentorGoals = lazy(() => import('./features/agreements/MentorGoals'));
const Templates = lazy(() => import('./features/agreements/Templates'));
const MyProfile = lazy(() => import('./features/profile/MyProfile'));
const ProfileSectionScreen = lazy(() => import('./features/profile/ProfileSectionScreen'));
const ProfileChoicesScreen = lazy(() => import('./features/profile/ProfileChoicesScreen'));
const ProfileApprove = lazy(() => import('./features/profile/ProfileApprove'));
const ClientProfile = lazy(() => import('./features/profile/ClientProfile'));
const FamilyProfile = lazy(() => import('./features/profile/FamilyProfile'));
const ClientActivities = lazy(() => import('./features/activities/ClientActivities'));
const ActivityNew = lazy(() => import('./features/activities/ActivityNew'));
const DayRecap = lazy(() => import('./features/activities/DayRecap'));
const MyActivities = lazy(() => import('./features/activities/MyActivities'));
const Employers = lazy(() => import('./features/employers/Employers'));
const EmployerNew = lazy(() => import('./features/employers/EmployerNew'));
const EmployerScreen = lazy(() => import('./features/employers/EmployerScreen'));
const PersonScreen = lazy(() => import('./features/employers/PersonScreen'));
const ClientJobsScreen = lazy(() => import('./features/employers/ClientJobsScreen'));
const JobNew = lazy(() => import('./features/employers/JobNew'));
const JobScreen = lazy(() => import('./features/employers/JobScreen'));
const AnalysisScreen = lazy(() => import('./features/workplace/AnalysisScreen'));
const MyWork = lazy(() => import('./features/workplace/MyWork'));
const ClientJourneyScreen = lazy(() => import('./features/journey/ClientJourneyScreen'));
const MyJourney = lazy(() => import('./features/journey/MyJourney'));
const Opportunities = lazy(() => import('./features/opportunities/Opportunities'));
const Results = lazy(() => import('./features/outcomes/Results'));
const ResultRows = lazy(() => import('./features/outcomes/ResultRows'));
const FidelityReviews = lazy(() => import('./features/fidelity/Reviews'));
const FidelityNew = lazy(() => import('./features/fidelity/NewReview'));
const FidelityReview = lazy(() => import('./features/fidelity/ReviewScreen'));
const FidelityItem = lazy(() => import('./features/fidelity/ItemScreen'));
const FidelityCompare = lazy(() => import('./features/fidelity/Compare'));
const Reports = lazy(() => import('./features/reports/Reports'));
const NewReport = lazy(() => import('./features/reports/NewReport'));
const ReportScreen = lazy(() => import('./features/reports/ReportScreen'));
const OpportunityScreen = lazy(() => import('./features/opportunities/OpportunityScreen'));
const ClientOpportunities = lazy(() => import('./features/opportunities/ClientOpportunities'));
const OpportunityNew = lazy(() => import('./features/opportunities/OpportunityNew'));
const FadingPlanScreen = lazy(() => import('./features/fading/FadingPlanScreen'));
const FadingTeam = lazy(() => import('./features/fading/FadingTeam'));
const MyFading = lazy(() => import('./features/fading/MyFading'));
const MyHandover = lazy(() => import('./features/handover/MyHandover'));
const HandoverScreen = lazy(() => import('./features/handover/HandoverScreen'));
const MyDevelopment = lazy(() => import('./features/competence/MyDevelopment'));
const SelfAssessment = lazy(() => import('./features/competence/SelfAssessment'));
const TeamDevelopment = lazy(() => import('./features/competence/TeamDevelopment'));
const PersonDevelopment = lazy(() => import('./features/competence/PersonDevelopment'));
const AssessmentNew = lazy(() => import('./features/competence/AssessmentNew'));
const CompetenceAssessment = lazy(() => import('./features/competence/Assessment'));
const VisitNew = lazy(() => import('./features/competence/VisitNew'));
const FrameworkEditor = lazy(() => import('./features/competence/FrameworkEditor'));
const Onboarding = lazy(() => import('./features/competence/Onboarding'));
const TrainingNew = lazy(() => import('./features/competence/TrainingNew'));
const PlanGoalNew = lazy(() => import('./features/competence/PlanGoalNew'));
const SimulationNew = lazy(() => import('./features/competence/SimulationNew'));

const STAFF: Role[] = ['admin', 'coordinator', 'coach'];

interface Route {
  pattern: string;
  screen: ComponentType<{ params: Record<string, string> }>;
  /** Who may open it; everyone signed in when absent. */
  roles?: Role[];
}

const ROUTES: Route[] = [
  { pattern: '/', screen: Home },
  { pattern: '/more', screen: More, roles: ['client', ...STAFF] },
  { pattern: '/invite', screen: InvitePage, roles: STAFF },
  { pattern: '/clients/:id', screen: ClientPage, roles: STAFF },
  { pattern: '/clients/:id/tasks', screen: ClientTasksScreen, roles: STAFF },
  { pattern: '/clients/:id/shifts', screen: ClientShiftsScreen, roles: STAFF },
  { pattern: '/clients/:id/family', screen: ClientFamilyScreen, roles: STAFF },
  { pattern: '/clients/:id/reminders', screen: ClientRemindersScreen, roles: STAFF },
  { pattern: '/tasks', screen: TaskList, roles: ['client'] },
  { pattern: '/tasks/:id', screen: TaskPlayer, roles: ['client'] },
  { pattern: '/clients/:id/tasks/new', screen: NewTask, roles: STAFF },
  { pattern: '/tasks/:id/edit', screen: TaskBuilder, roles: STAFF },
  { pattern: '/tasks/:id/preview', screen: TaskPreview, roles: STAFF },
  { pattern: '/tasks/:id/training', screen: TrainingSession, roles: STAFF },
  { pattern: '/tasks/:id/progress', screen: TaskProgress, roles: STAFF },
  { pattern: '/goals', screen: MyGoals, roles: ['client'] },
  { pattern: '/goals/:id', screen: GoalScreen, roles: ['client'] },
  { pattern: '/goals/:id/rate', screen: GoalRate, roles: ['client'] },
  { pattern: '/clients/:id/goals', screen: ClientGoals, roles: STAFF },
  { pattern: '/clients/:id/goals/new', screen: GoalNew, roles: STAFF },
  { pattern: '/clients/:id/goals/:goal', screen: CoachGoal, roles: STAFF },
  { pattern: '/clients/:id/conversations', screen: Conversations, roles: STAFF },
  { pattern: '/conversations/:id', screen: ConversationScreen, roles: STAFF },
  { pattern: '/conversations/:id/compare', screen: ConversationCompare, roles: STAFF },
  { pattern: '/pta/questions', screen: QuestionSets, roles: STAFF },
  { pattern: '/passkeys', screen: Passkeys },
  { pattern: '/settings', screen: Settings },
  { pattern: '/people', screen: People, roles: ['admin', 'coordinator'] },
  { pattern: '/audit', screen: Audit, roles: ['admin', 'coordinator'] },
  { pattern: '/shifts', screen: MyShifts, roles: ['client'] },
  { pattern: '/week', screen: CoachWeek, roles: STAFF },
  { pattern: '/reminders', screen: Reminders, roles: [...STAFF, 'client'] },
  { pattern: '/sharing', screen: Sharing, roles: ['client'] },
  { pattern: '/family', screen: FamilyFeed, roles: ['family'] },
  { pattern: '/my-data', screen: MyData, roles: ['client', 'family', 'admin', 'coordinator', 'coach'] },
  { pattern: '/privacy-notice', screen: PrivacyNoticeScreen },
  { pattern: '/organisation', screen: OrganisationScreen, roles: ['admin'] },
  { pattern: '/agreements', screen: MyAgreements, roles: ['client'] },
  { pattern: '/clients/:id/agreements', screen: ClientAgreements, roles: STAFF },
  { pattern: '/clients/:id/agreements/new', screen: AgreementForm, roles: STAFF },
  { pattern: '/agreements/:agreement/change', screen: AgreementForm, roles: STAFF },
  { pattern: '/agreements/:id', screen: AgreementScreen, roles: [...STAFF, 'client', 'mentor'] },
  { pattern: '/mentoring/:id/goals', screen: MentorGoals, roles: ['mentor'] },
  { pattern: '/agreement-templates', screen: Templates, roles: STAFF },
  { pattern: '/profile', screen: MyProfile, roles: ['client'] },
  { pattern: '/profile/choices', screen: ProfileChoicesScreen, roles: ['client'] },
  { pattern: '/profile/approve', screen: ProfileApprove, roles: ['client'] },
  { pattern: '/profile/:key', screen: ProfileSectionScreen, roles: ['client'] },
  { pattern: '/clients/:id/profile', screen: ClientProfile, roles: STAFF },
  { pattern: '/family/profile/:id', screen: FamilyProfile, roles: ['family', 'mentor'] },
  { pattern: '/clients/:id/activities', screen: ClientActivities, roles: [...STAFF, 'mentor'] },
  { pattern: '/clients/:id/activities/new', screen: ActivityNew, roles: [...STAFF, 'mentor'] },
  { pattern: '/recap', screen: DayRecap, roles: [...STAFF, 'mentor'] },
  { pattern: '/together', screen: MyActivities, roles: ['client'] },
  { pattern: '/employers', screen: Employers, roles: STAFF },
  { pattern: '/employers/new', screen: EmployerNew, roles: STAFF },
  { pattern: '/employers/:id', screen: EmployerScreen, roles: STAFF },
  { pattern: '/employers/:id/people/:person', screen: PersonScreen, roles: STAFF },
  { pattern: '/clients/:id/jobs', screen: ClientJobsScreen, roles: STAFF },
  { pattern: '/clients/:id/jobs/new', screen: JobNew, roles: STAFF },
  { pattern: '/jobs/:id', screen: JobScreen, roles: STAFF },
  { pattern: '/jobs/:id/analysis', screen: AnalysisScreen, roles: STAFF },
  { pattern: '/clients/:id/journey', screen: ClientJourneyScreen, roles: STAFF },
  { pattern: '/journey', screen: MyJourney, roles: ['client'] },
  { pattern: '/my-work', screen: MyWork, roles: ['client'] },
  { pattern: '/results', screen: Results, roles: STAFF },
  { pattern: '/results/:indicator', screen: ResultRows, roles: STAFF },
  { pattern: '/fidelity', screen: FidelityReviews, roles: ['admin', 'coordinator'] },
  { pattern: '/fidelity/new', screen: FidelityNew, roles: ['admin', 'coordinator'] },
  { pattern: '/fidelity/compare', screen: FidelityCompare, roles: ['admin', 'coordinator'] },
  { pattern: '/fidelity/:id', screen: FidelityReview, roles: ['admin', 'coordinator'] },
  { pattern: '/fidelity/:id/items/:item', screen: FidelityItem, roles: ['admin', 'coordinator'] },
  { pattern: '/reports', screen: Reports, roles: ['admin', 'coordinator'] },
  { pattern: '/reports/new', screen: NewReport, roles: ['admin', 'coordinator'] },
  { pattern: '/reports/:id', screen: ReportScreen, roles: ['admin', 'coordinator'] },
  { pattern: '/opportunities', screen: Opportunities, roles: [...STAFF, 'client'] },
  { pattern: '/opportunities/:id', screen: OpportunityScreen, roles: [...STAFF, 'mentor'] },
  { pattern: '/clients/:id/opportunities', screen: ClientOpportunities, roles: [...STAFF, 'mentor'] },
  { pattern: '/clients/:id/opportunities/new', screen: OpportunityNew, roles: STAFF },
  { pattern: '/clients/:id/jobs/:job/fading', screen: FadingPlanScreen, roles: STAFF },
  { pattern: '/fading', screen: FadingTeam, roles: STAFF },
  { pattern: '/my-support', screen: MyFading, roles: ['client'] },
  { pattern: '/handover', screen: MyHandover, roles: ['client'] },
  { pattern: '/clients/:id/jobs/:job/handover', screen: HandoverScreen, roles: [...STAFF, 'client'] },
  { pattern: '/development', screen: MyDevelopment, roles: ['coach', 'coordinator'] },
  { pattern: '/development/self-assessment', screen: SelfAssessment, roles: ['coach', 'coordinator'] },
  { pattern: '/team-development', screen: TeamDevelopment, roles: ['admin', 'coordinator'] },
  { pattern: '/team-development/visit', screen: VisitNew, roles: ['admin', 'coordinator', 'coach'] },
  { pattern: '/team-development/framework', screen: FrameworkEditor, roles: ['admin', 'coordinator'] },
  { pattern: '/development/onboarding', screen: Onboarding, roles: ['coach', 'coordinator'] },
  { pattern: '/development/training', screen: TrainingNew, roles: ['admin', 'coach', 'coordinator'] },
  { pattern: '/development/plan', screen: PlanGoalNew, roles: ['admin', 'coach', 'coordinator'] },
  { pattern: '/team-development/simulation', screen: SimulationNew, roles: ['admin', 'coordinator', 'coach'] },
  { pattern: '/team-development/person', screen: PersonDevelopment, roles: ['admin', 'coordinator', 'coach'] },
  { pattern: '/team-development/assessment/new', screen: AssessmentNew, roles: ['admin', 'coordinator'] },
  { pattern: '/development/assessment', screen: CompetenceAssessment, roles: ['admin', 'coordinator', 'coach'] },
];

function screenFor(path: string, me: Me | null): JSX.Element {
  if (path === '/enroll') return <Enroll />;
  if (!me) return <SignIn />;
  if (path === '/signin') return <SignIn />; // signed in already: App moves on to '/'

  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (!params) continue;
    if (route.roles && !route.roles.includes(me.role)) return <NotForYou />;
    const Screen = route.screen;
    return <Screen key={path} params={params} />;
  }
  return <NotFound />;
}

export function App({ initialMe, initialLocale }: { initialMe: Me | null; initialLocale: Locale }) {
  const [me, setMeState] = useState<Me | null>(initialMe);
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const { path } = useLocation();

  const changeLocale = useCallback(
    async (next: Locale, save = true) => {
      await setLocale(next);
      localStorage.setItem(LOCALE_KEY, next);
      setLocaleState(next);
      if (save && me && me.locale !== next) {
        try {
          setMeState(await api.patch('/api/me', { body: { locale: next } }));
        } catch {
          // The language still changes on this device; the account keeps the old one.
        }
      }
    },
    [me],
  );

  const setMe = useCallback(
    async (next: Me | null) => {
      if (!next) forgetDay(); // signed out: the day kept in memory is nobody's now
      if (next) void rememberMe(next);
      applyPreferences(next?.preferences);
      if (next && isLocale(next.locale) && next.locale !== locale) {
        void changeLocale(next.locale, false);
      }
      // The signed-in screens' English words come first (a chunk the sign-in page does not load).
      if (next && !moreIsLoaded()) await loadMore().catch(() => undefined);
      setMeState(next);
    },
    [locale, changeLocale],
  );

  useEffect(() => {
    if (me && path === '/signin') navigate('/', { replace: true });
  }, [me, path]);

  useEffect(() => {
    setUnauthorizedHandler(() => void setMe(null));
    return () => setUnauthorizedHandler(null);
  }, [setMe]);

  // The outbox sends for whoever is signed in; a 401 while sending means the session ended.
  const meId = me?.id ?? null;
  useEffect(() => startOutbox(meId, () => void setMe(null)), [meId, setMe]);

  // Opened offline as the person saved on the device: ask the server again once it answers.
  useEffect(
    () =>
      onConnectionChange(() => {
        if (!isOnline() || !me) return;
        api.get('/api/me').then(setMe, (error: unknown) => {
          if (error instanceof ApiError && error.status === 401) void setMe(null);
        });
        if (me.role === 'client') void prefetchClientData(me, true);
      }),
    [me, setMe],
  );

  // Today's and the next days' tasks, with their photos, onto the device while online.
  useEffect(() => {
    if (me?.role !== 'client') return;
    const timer = setTimeout(() => void prefetchClientData(me), 1500);
    return () => clearTimeout(timer);
  }, [meId]);

  // The service worker's notification texts follow the person's language (data/push-texts.ts).
  useEffect(() => {
    if (!meId) return;
    void import('./features/reminders/push').then((push) => push.rememberPushTexts());
  }, [meId, locale]);

  // This device's push subscription is confirmed on every start, so the server keeps it.
  useEffect(() => {
    if (!meId) return;
    const timer = setTimeout(
      () => void import('./features/reminders/push').then((push) => push.confirmSubscription()),
      2000,
    );
    return () => clearTimeout(timer);
  }, [meId]);

  const session = useMemo<Session>(
    () => ({ me, setMe, locale, changeLocale: (next) => changeLocale(next) }),
    [me, setMe, locale, changeLocale],
  );

  return (
    <SessionContext.Provider value={session}>
      <Layout path={path}>{screenFor(path, me)}</Layout>
    </SessionContext.Provider>
  );
}
