"""What the portal tells the applicant that the counter's messages do not: the submission
receipt at once (the official receipt, Mẫu 01, follows on acceptance through dossiers'
messages) and a refusal of an online submission, with its reason. Sent through the existing
notification services, like every other message."""

from core.events import subscribe
from core.models import DomainEvent
from core.text import strip_marks
from dossiers import events
from dossiers.models import Applicant, Dossier
from dossiers.workflow import Action
from notifications.models import Channel, Notification
from notifications.services import notification_send

REFUSED = events.KIND_OF_ACTION[Action.REFUSE]
# Vietnamese on purpose: sent to citizens whatever the UI language; SMS without diacritics so
# it fits one GSM message.
TEXTS = {
    events.SUBMITTED: (
        "Đã nhận hồ sơ trực tuyến {code} ({procedure}). Bộ phận Một cửa kiểm tra trong 8 giờ "
        "làm việc. Theo dõi tại mục Hồ sơ của tôi."
    ),
    REFUSED: (
        "Hồ sơ {code} không được tiếp nhận: {reason}. Phiếu từ chối có tại mục Hồ sơ của tôi."
    ),
}


@subscribe(events.SUBMITTED, REFUSED, key="online.tell_applicant")
def tell_applicant(event: DomainEvent) -> None:
    dossier = Dossier.objects.select_related("procedure_version", "receiving_agency").get(
        pk=event.subject_id
    )
    if event.kind == REFUSED and dossier.channel != "2":
        return  # only online submissions are refused this way (Mẫu 03 in the hand otherwise)
    applicant = Applicant.objects.filter(dossier=dossier, is_primary=True).first()
    if applicant is None:
        return
    told = set(Notification.objects.filter(event=event).values_list("channel", flat=True))
    text = TEXTS[event.kind].format(
        code=dossier.code,
        procedure=dossier.procedure_version.name,
        reason=event.payload.get("reason", ""),
    )
    common = {"agency_code": dossier.receiving_agency.code, "about": dossier, "event": event}
    if applicant.phone and Channel.SMS not in told:
        notification_send(channel=Channel.SMS, to=applicant.phone, body=strip_marks(text), **common)
    if applicant.email and Channel.EMAIL not in told:
        notification_send(
            channel=Channel.EMAIL,
            to=applicant.email,
            subject=f"Hồ sơ {dossier.code}",
            body=text,
            **common,
        )
