"""What dossiers does when its own events are delivered: tell the applicant by SMS and e-mail
(Decree 118: receipt, supplement request, apology with the new date, result ready)."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.events import subscribe
from core.models import DomainEvent
from dossiers.messages import MESSAGE_OF_KIND, notify_applicant
from dossiers.models import Applicant, Dossier


def _moment(value: str | None) -> str:
    when = parse_datetime(value) if value else None
    return timezone.localtime(when).strftime("%H:%M %d/%m/%Y") if when else ""


@subscribe(*MESSAGE_OF_KIND, key="dossiers.tell_applicant")
def tell_applicant(event: DomainEvent) -> None:
    """Record the messages and queue their delivery, in this delivery's transaction: they are
    created once, with the delivery marked done. Dates and the reason come from the event, as
    they were when it happened, not as the dossier may be by now."""
    dossier = Dossier.objects.select_related(
        "procedure_version", "receiving_agency", "return_agency"
    ).get(pk=event.subject_id)
    applicant = Applicant.objects.filter(dossier=dossier, is_primary=True).first()
    if applicant is None or not (applicant.phone or applicant.email):
        return  # nothing to send to; a choice of "no messages" is applied by notify_applicant
    payload = event.payload
    notify_applicant(
        event=MESSAGE_OF_KIND[event.kind],
        agency=dossier.receiving_agency,
        values={
            "code": dossier.code,
            "check": dossier.lookup_check,
            "procedure": dossier.procedure_version.name,
            "due": _moment(payload.get("due_at")),
            "new_date": _moment(payload.get("extended_due_at")),
            "reason": payload.get("reason", ""),
            "agency": dossier.return_agency.name,
        },
        phone=applicant.phone,
        email=applicant.email,
        channel=applicant.message_channel,
        dossier=dossier,
        domain_event=event,
    )
