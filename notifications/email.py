"""E-mail channels. The demo is Django's own mail backend (EMAIL_BACKEND: the console by
default, SMTP in production), always with a timeout, so a silent mail server holds nothing."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from core.plugins import registry
from notifications.channels import EmailChannel


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


def mask_email(address: str) -> str:
    """dan.nguyen@example.vn → d*********@example.vn: the first letter and the domain."""
    name, at, domain = address.partition("@")
    if not at:
        return "*" * len(address)
    return name[:1] + "*" * max(len(name) - 1, 1) + "@" + domain
