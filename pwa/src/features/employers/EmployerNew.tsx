import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { navigate } from '../../lib/router';
import { EmployerForm } from './EmployerForm';

/** `/employers/new`: enter an employer in the team's register, then add its people. */
export default function EmployerNew() {
  return (
    <Page title={t('employers.add')} back={{ href: '/employers', label: t('employers.title') }}>
      <EmployerForm employer={null} onSaved={(saved) => navigate(`/employers/${saved.id}`, { replace: true })} />
    </Page>
  );
}
