"""Walking a postal dossier through its life with the real services."""

from datetime import timedelta

from django.utils import timezone

from catalog.models import Channel
from dossiers.models import Dossier
from dossiers.services import ApplicantData, ChecklistItem, Move, Reception, dossier_transition
from dossiers.workflow import Action
from postal.lifecycle import Report
from postal.services_delivery import AddressChoice
from postal.services_inbound import item_arrival_record, item_register


def reception(office, **changes) -> Reception:
    values = {
        "version": office.version,
        "receiving_agency": office.centre_a,
        "competent_agency": office.committee_a,
        "applicant": ApplicantData(
            full_name="Nguyễn Văn An", id_number="001090012345", phone="0912345678"
        ),
        "checklist": [ChecklistItem(name="Tờ khai theo mẫu", originals=1)],
        "channel": Channel.POSTAL,
        "return_method": "post",
    }
    values.update(changes)
    return Reception(**values)


def address(office) -> AddressChoice:
    return AddressChoice(
        recipient_name="Nguyễn Văn An",
        street="12 Hàng Bài",
        commune=office.hoankiem,
        phone="0912345678",
    )


def received_by_post(office, *, number="EB123456785VN", user=None, posted_days_ago=3) -> Dossier:
    user = user or office.pat
    item = item_arrival_record(
        agency=office.centre_a,
        item_number=number,
        sender_name="Nguyễn Văn An",
        posted_on=timezone.localdate() - timedelta(days=posted_days_ago),
        user=user,
    )
    return item_register(
        item_id=item.pk,
        reception=reception(office),
        receipt_sent_by="post",
        address=address(office),
        user=user,
    )


def to_result_ready(office, dossier: Dossier) -> Dossier:
    for action, who in (
        (Action.ASSIGN, office.alice),
        (Action.PROPOSE, office.sophie),
        (Action.APPROVE, office.leo),
    ):
        dossier.refresh_from_db()
        extra = {"assignee": office.sophie} if action == Action.ASSIGN else {}
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=action, expected_version=dossier.version, **extra),
            actor=who,
        )
    dossier.refresh_from_db()
    return dossier


def report(order_number: str, status: str, minutes: int, key: str = "", reason: str = "") -> Report:
    base = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    return Report(
        order_number=order_number,
        status=status,
        at=base + timedelta(minutes=minutes),
        event_key=key,
        reason=reason,
    )
