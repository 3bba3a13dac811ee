import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ConfirmDialog } from '../../components/Dialog/Dialog';
import { TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { withStepUp } from '../auth/stepup';
import { AgreementText } from './AgreementText';
import { meetingsInWords, partnerInWords, statusName, type Agreement } from './words';
import './Agreements.css';

const STAFF = ['admin', 'coordinator', 'coach'];

/**
 * `/agreements/:id`: an agreement in plain words, newest version first. The client reads it
 * (the screen's "Read aloud" reads it too) and agrees with their passkey; then the coach or
 * mentor signs with theirs. Staff write a change (a new version both agree to again); either
 * side ends it, without blame. Earlier versions stay readable below.
 */
export default function AgreementScreen({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const id = params.id ?? '';
  const agreement = useResource(() => api.get('/api/agreements/{agreement_id}', { path: { agreement_id: id } }), [id]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState('');

  const data = agreement.data;
  const back =
    me.role === 'client'
      ? { href: '/agreements', label: t('agreements.myTitle') }
      : STAFF.includes(me.role) && data
        ? { href: `/clients/${data.clientId}/agreements`, label: t('agreements.clientTitle', { name: data.clientName }) }
        : { href: '/', label: t('nav.home') };
  if (!data) {
    return (
      <Page title={agreement.trouble ? t('agreements.notFound') : t('app.loading')} back={back}>
        <LoadState loading={agreement.loading} trouble={agreement.trouble} />
      </Page>
    );
  }
  const newest = data.versions[0];
  const earlier = data.versions.slice(1);
  const isClient = me.id === data.clientId;
  const isPartner = me.id === data.partnerId;
  const open = data.status !== 'ended';
  const mayAgree = isClient && data.status === 'waiting_client';
  const maySign = isPartner && data.status === 'waiting_partner';
  const mayChange = open && STAFF.includes(me.role);
  const meetings = meetingsInWords(data);

  async function confirm(action: 'agree' | 'sign') {
    if (!newest) return;
    setBusy(true);
    setTrouble(null);
    setDone(null);
    try {
      const path = action === 'agree' ? '/api/agreements/{agreement_id}/agree' : '/api/agreements/{agreement_id}/sign';
      const changed: Agreement = await withStepUp(
        () => api.post(path, { path: { agreement_id: id }, body: { version: newest.number } }),
        () => setAsking(true),
      );
      agreement.set(changed);
      setDone(t(action === 'agree' ? 'agreements.agreedDone' : 'agreements.signedDone'));
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setAsking(false);
      setBusy(false);
    }
  }

  async function end() {
    setBusy(true);
    setTrouble(null);
    try {
      agreement.set(
        await api.post('/api/agreements/{agreement_id}/end', {
          path: { agreement_id: id },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      );
      setEnding(false);
      setDone(t('agreements.endedDone'));
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('agreements.title')} back={back}>
      <p class="agreement-who">
        {isClient ? partnerInWords(data) : `${data.clientName} · ${partnerInWords(data)}`}
      </p>
      <p class={`agreement-status agreement-status--${data.status}`} data-status={data.status}>
        {statusName(data.status, isClient)}
      </p>
      {done && <Notice kind="success" title={done} />}
      {trouble && <Notice kind="error" title={trouble.title} />}
      {asking && <Notice title={t('agreements.confirmPasskey')} />}
      {meetings && <p class="agreement-meetings">{meetings}</p>}
      {data.status === 'ended' && (
        <Notice title={t('agreements.endedOn', { date: formatDateTime(data.endedAt), name: data.endedByName ?? '' })}>
          {data.endReason && <p dir="auto">{data.endReason}</p>}
          <p>{t('agreements.noBlame')}</p>
        </Notice>
      )}
      {newest && (
        <Card id="newest" title={t('agreements.version', { number: newest.number })}>
          <AgreementText version={newest} id="newest" />
          <Signatures version={newest} agreement={data} forClient={isClient} />
          {mayAgree && (
            <div class="agreement-action">
              <p>{t('agreements.agreeHint')}</p>
              <Button variant="primary" busy={busy} onClick={() => void confirm('agree')}>
                {t('agreements.agree')}
              </Button>
            </div>
          )}
          {maySign && (
            <div class="agreement-action">
              <p>{t('agreements.signHint', { name: data.clientName })}</p>
              <Button variant="primary" busy={busy} onClick={() => void confirm('sign')}>
                {t('agreements.sign')}
              </Button>
            </div>
          )}
        </Card>
      )}
      {(mayChange || (open && (isClient || isPartner))) && (
        <div class="actions">
          {mayChange && <LinkButton href={`/agreements/${id}/change`}>{t('agreements.change')}</LinkButton>}
          {open && (
            <Button data-action="end" onClick={() => setEnding(true)}>
              {t('agreements.end')}
            </Button>
          )}
        </div>
      )}
      {earlier.length > 0 && (
        <Card id="earlier" title={t('agreements.earlier')}>
          {earlier.map((version) => (
            <details key={version.number} class="agreement-earlier">
              <summary>
                {t('agreements.version', { number: version.number })}
                {version.number === data.inForce ? ` · ${t('agreements.inForce')}` : ''}
              </summary>
              <AgreementText version={version} id={`v${version.number}`} />
              <Signatures version={version} agreement={data} forClient={isClient} />
            </details>
          ))}
        </Card>
      )}
      <ConfirmDialog
        id="end-agreement"
        title={t('agreements.endTitle')}
        open={ending}
        confirmLabel={t('agreements.end')}
        busy={busy}
        onConfirm={() => void end()}
        onCancel={() => setEnding(false)}
      >
        <p>{t('agreements.noBlame')}</p>
        <TextAreaField
          id="end-reason"
          label={t('agreements.endReason')}
          hint={t('agreements.endReasonHint')}
          value={reason}
          onValue={setReason}
          maxLength={500}
        />
      </ConfirmDialog>
    </Page>
  );
}

/** Who agreed to this version, and when. */
function Signatures({
  version,
  agreement,
  forClient,
}: {
  version: Agreement['versions'][number];
  agreement: Agreement;
  forClient: boolean;
}) {
  const agreed = version.clientAgreedAt;
  return (
    <ul class="agreement-signatures">
      <li>
        {forClient
          ? agreed
            ? t('agreements.youAgreedOn', { date: formatDateTime(agreed) })
            : t('agreements.youNotYet')
          : agreed
            ? t('agreements.clientAgreed', { name: agreement.clientName, date: formatDateTime(agreed) })
            : t('agreements.clientNotYet', { name: agreement.clientName })}
      </li>
      <li>
        {version.partnerSignedAt
          ? t('agreements.partnerSigned', {
              name: agreement.partnerName ?? t('agreements.someoneGone'),
              date: formatDateTime(version.partnerSignedAt),
            })
          : t('agreements.partnerNotYet', { name: agreement.partnerName ?? t('agreements.someoneGone') })}
      </li>
    </ul>
  );
}
