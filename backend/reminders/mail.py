"""The e-mail fallback: for a person with no device that has notifications on, who gave an
address. Plain text, the same neutral sentence as a push message and a link, nothing more."""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from backend import settings as config

log = logging.getLogger("stepwise.mail")


@dataclass(frozen=True, slots=True)
class Mail:
    to: str
    subject: str
    text: str


def configured() -> bool:
    return bool(config.get_settings().smtp_host)


async def send_many(mails: list[Mail]) -> list[bool]:
    """Send over one SMTP connection, in a thread (smtplib blocks); whether each was accepted."""
    if not mails or not configured():
        return [False] * len(mails)
    return await asyncio.to_thread(_send, mails)


def _send(mails: list[Mail]) -> list[bool]:
    settings = config.get_settings()
    out = [False] * len(mails)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            for i, mail in enumerate(mails):
                message = EmailMessage()
                message["From"] = settings.mail_from
                message["To"] = mail.to
                message["Subject"] = mail.subject
                message["Date"] = formatdate(localtime=False)
                message["Message-ID"] = make_msgid(domain=settings.mail_from.split("@")[-1])
                message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies
                message.set_content(mail.text)
                try:
                    smtp.send_message(message)
                    out[i] = True
                except smtplib.SMTPException as exc:
                    log.warning("SMTP refused a reminder: %s", type(exc).__name__)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("SMTP server unreachable: %s", exc)
    return out
