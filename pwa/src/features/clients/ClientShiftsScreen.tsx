import { Card } from '../../components/Card/Card';
import { t } from '../../i18n';
import { ShiftsEditor } from '../shifts/ShiftsEditor';
import { ClientScreen } from './ClientScreen';

/** `/clients/:id/shifts`: the client's shifts in words, changed here; "Add a shift" opens its form. */
export default function ClientShiftsScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  return (
    <ClientScreen clientId={id} title="client.shiftsTitle">
      {(client) => (
        <Card id="shifts" title={t('shifts.title')}>
          <ShiftsEditor clientId={client.id} level={3} />
        </Card>
      )}
    </ClientScreen>
  );
}
