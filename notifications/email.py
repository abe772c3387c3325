"""E-mail channels. The demo is Django's own mail backend (EMAIL_BACKEND: the console by
default), always with a timeout, so a silent mail server holds nothing. `smtp` speaks SMTP
(RFC 5321, with STARTTLS or implicit TLS and AUTH when configured) to EMAIL_HOST whatever
EMAIL_BACKEND says, and turns the server's refusals into delivery errors staff can read."""

import smtplib
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.utils import DNS_NAME

from core.plugins import registry
from notifications.channels import DeliveryError, EmailChannel


@registry.register("email", "django")
class DjangoEmail(EmailChannel):
    verbose_name = "Django mail backend"

    def send(self, *, to: str, subject: str, text: str, reference: str) -> str:
        connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
        message = EmailMessage(
            subject, text, None, [to], connection=connection, headers={"X-MotCua-Ref": reference}
        )
        message.send(fail_silently=False)
        return ""


@registry.register("email", "smtp")
class SmtpEmail(EmailChannel):
    verbose_name = "SMTP server (EMAIL_HOST)"

    def send(self, *, to: str, subject: str, text: str, reference: str) -> str:
        connection = SmtpBackend(
            host=settings.EMAIL_HOST,
            port=settings.EMAIL_PORT,
            username=settings.EMAIL_HOST_USER or None,
            password=settings.EMAIL_HOST_PASSWORD or None,
            use_tls=settings.EMAIL_USE_TLS,
            use_ssl=settings.EMAIL_USE_SSL,
            timeout=settings.EMAIL_TIMEOUT,
            fail_silently=False,
        )
        # Set here, not by Django at send time, so the id we keep is the one the server logged.
        message_id = make_msgid(idstring=reference, domain=DNS_NAME.get_fqdn())
        message = EmailMessage(
            subject,
            text,
            None,
            [to],
            connection=connection,
            headers={"X-MotCua-Ref": reference, "Message-ID": message_id},
        )
        try:
            message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as refused:
            # Its text lists the address: only the server's codes are kept (R17).
            codes = sorted({code for code, _ in refused.recipients.values()})
            raise DeliveryError(f"SMTP {codes[0] if codes else '?'}: recipient refused") from None
        except smtplib.SMTPResponseException as refused:
            raise DeliveryError(f"SMTP {refused.smtp_code}") from None
        return message_id


def mask_email(address: str) -> str:
    """dan.nguyen@example.vn → d*********@example.vn: the first letter and the domain."""
    name, at, domain = address.partition("@")
    if not at:
        return "*" * len(address)
    return name[:1] + "*" * max(len(name) - 1, 1) + "@" + domain
