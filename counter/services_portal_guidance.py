"""The guided session when the citizen submits on the portal themself, from their own phone or
the counter's kiosk, with the volunteer beside them (the seeds' "Hướng dẫn nộp hồ sơ trực
tuyến"). The helper starts the session here and gives the citizen a short help code, as a QR
code and a link; the draft opened with it remembers it, and the dossier submitted from that
draft is recorded as guided and linked to this session. The code ends with the day."""

import secrets
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProcedureVersion
from core.audit import audit_record
from core.workdays import VIETNAM
from counter.models import GuidedSession, HardStep
from counter.services_guidance import _check_guide
from org.models import Agency, User

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or typed on a phone without doubt.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(raw.split()).upper()[:CODE_LENGTH]


def guided_portal_session_start(
    *,
    actor: User,
    agency: Agency,
    version: ProcedureVersion,
    hard_step: str,
    note: str = "",
    ip: str | None = None,
) -> GuidedSession:
    """Record the session now (it counts whether or not a dossier comes of it) with a help
    code valid until midnight, Vietnam time."""
    _check_guide(actor, agency)
    if hard_step not in HardStep.values:
        raise ValidationError({"hard_step": _("Choose the step the citizen found hardest.")})
    tomorrow = timezone.localdate() + timedelta(days=1)
    expires = datetime.combine(tomorrow, time.min, tzinfo=VIETNAM)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                session = GuidedSession.objects.create(
                    agency=agency,
                    helper=actor,
                    procedure_version=version,
                    hard_step=hard_step,
                    note=" ".join(note.split())[:500],
                    portal_code=new_code(),
                    portal_code_expires_at=expires,
                )
                audit_record(
                    action="guided_session_record",
                    actor=actor,
                    agency_code=agency.code,
                    obj=session,
                    new={
                        "procedure": version.procedure.code,
                        "hard_step": hard_step,
                        "portal": True,
                    },
                    ip=ip,
                )
            return session
        except IntegrityError:  # the same code drawn twice today: draw again
            continue
    raise RuntimeError("no free help code after five draws")


def guided_session_for_code(code: str, *, version: ProcedureVersion) -> GuidedSession | None:
    """The open session a help code names, for this procedure, if the code is still valid and
    no dossier was submitted with it yet."""
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return (
        GuidedSession.objects.filter(
            portal_code=code,
            portal_code_expires_at__gt=timezone.now(),
            dossier__isnull=True,
            procedure_version__procedure_id=version.procedure_id,
        )
        .select_related("helper", "agency")
        .first()
    )


def guided_session_link(*, session: GuidedSession, dossier) -> bool:
    """Link the submitted dossier to its session, once; inside the submission's transaction."""
    return bool(
        GuidedSession.objects.filter(pk=session.pk, dossier__isnull=True).update(dossier=dossier)
    )
