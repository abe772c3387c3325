from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from core.audit_checkpoints import checkpoint_file, checkpoint_take


class Command(BaseCommand):
    help = (
        "Record every audit chain's length and newest hash in the checkpoint table, append it to "
        "AUDIT_CHECKPOINT_FILE and e-mail it to AUDIT_CHECKPOINT_RECIPIENTS. Run daily (cron)."
    )

    def handle(self, *args, **options):
        run = checkpoint_take()
        with translation.override(settings.LANGUAGE_CODE):
            line = run.line()
            no_agency = _("(no agency)")
            body = "\n".join(
                [
                    line,
                    "",
                    _("Full fingerprint: %(digest)s") % {"digest": run.digest},
                    _("Each chain (agency code, events, newest hash):"),
                    *(f"{chain or no_agency}\t{seq}\t{last}" for chain, seq, last in run.chains),
                    "",
                    _(
                        "Keep this message: manage.py verify_audit compares the audit log with "
                        "this line. The same line is in the checkpoint file:"
                    ),
                    run.file_line(),
                ]
            )
        recipients = list(settings.AUDIT_CHECKPOINT_RECIPIENTS)
        if recipients:
            send_mail(line, body, None, recipients)
        self.stdout.write(line)
        self.stdout.write(
            f"Appended to {checkpoint_file()}; e-mailed to {', '.join(recipients) or 'nobody'}."
        )
