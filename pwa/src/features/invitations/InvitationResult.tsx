import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Invitation } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { QrCode } from '../../components/QrCode/QrCode';
import { formatDateTime, t } from '../../i18n';
import './InvitationResult.css';

/**
 * A fresh one-time link: as a large QR code to scan from this screen, and as text with a
 * "Copy link" button to send by other means. The link is shown only now: the server keeps
 * only its hash.
 */
export function InvitationResult({
  invitation,
  titled = true,
}: {
  invitation: Invitation;
  /** false inside a dialog whose own title already says the link is ready. */
  titled?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  // Focus moves to the result, so keyboard and screen-reader users land on it (WCAG 2.4.3).
  useLayoutEffect(() => (heading.current ?? body.current)?.focus(), []);
  const url = invitation.url ?? '';
  const name = invitation.displayName;

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  const content = (
    <>
      {invitation.delivery === 'qr' && invitation.qrSvg ? (
        <>
          <p>{t('invite.result.scan', { name })}</p>
          <QrCode svg={invitation.qrSvg} alt={t('invite.result.qrAlt', { name })} />
        </>
      ) : (
        <p>{t('invite.result.send', { name })}</p>
      )}
      <p class="invitation-result__label" id="invitation-link-label">
        {t('invite.result.link')}
      </p>
      <p class="invitation-result__link" aria-labelledby="invitation-link-label" dir="ltr">
        <code>{url}</code>
      </p>
      <div class="actions">
        <Button variant={invitation.delivery === 'link' ? 'primary' : 'secondary'} onClick={() => void copy()}>
          {t('invite.result.copy')}
        </Button>
      </div>
      <p role="status" class="invitation-result__copied">
        {copied === 'yes' ? t('invite.result.copied') : copied === 'no' ? t('invite.result.copyFailed') : ''}
      </p>
      <p>
        <strong>
          {t(invitation.delivery === 'qr' ? 'invite.result.expiresQr' : 'invite.result.expiresLink', {
            time: formatDateTime(invitation.expiresAt),
          })}
        </strong>
      </p>
      <p class="muted">{t('invite.result.once')}</p>
    </>
  );
  if (!titled) {
    return (
      <div class="invitation-result" tabIndex={-1} ref={body}>
        {content}
      </div>
    );
  }
  return (
    <section class="invitation-result" aria-labelledby="invitation-result-title">
      <h2 id="invitation-result-title" tabIndex={-1} ref={heading}>
        {t('invite.result.title', { name })}
      </h2>
      {content}
    </section>
  );
}
