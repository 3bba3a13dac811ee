import { api } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { formatDate, t } from '../../i18n';
import { useResource } from '../../lib/useResource';

/** A person's certificate: valid until when, the next yearly review, and its conditions. */
export function CertificateCard({ personId }: { personId: string }) {
  const got = useResource(() => api.get('/api/competence/certificate', { query: { person: personId } }), [personId]);
  const cert = got.data?.certificate;
  return (
    <Card id="certificate" title={t('competence.certificate.title')}>
      {got.data === undefined ? (
        <LoadState loading={got.loading} trouble={got.trouble} />
      ) : !cert ? (
        <p>{t('competence.certificate.none')}</p>
      ) : (
        <>
          <p>
            {cert.valid
              ? t('competence.certificate.valid', { date: formatDate(cert.validUntil) })
              : t('competence.certificate.expired', { date: formatDate(cert.validUntil) })}
          </p>
          <p>{t('competence.certificate.issued', { date: formatDate(cert.issuedOn) })}</p>
          {cert.valid && <p>{t('competence.certificate.review', { date: formatDate(cert.reviewOn) })}</p>}
          {cert.conditions && (
            <p dir="auto">
              {t('competence.certificate.conditions')}: {cert.conditions}
            </p>
          )}
        </>
      )}
    </Card>
  );
}
