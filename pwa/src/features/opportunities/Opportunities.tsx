import { useMe } from '../../session';
import CaseloadOpportunities from './CaseloadOpportunities';
import MyOpportunities from './MyOpportunities';

/** `/opportunities`: a client's own job search; for staff, the job search across the caseload
 * (where an interview or follow-up reminder leads both). */
export default function Opportunities() {
  return useMe().role === 'client' ? <MyOpportunities /> : <CaseloadOpportunities />;
}
