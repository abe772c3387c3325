"""The applicant hears of their dossier by every channel they gave, each message tied to the
dossier and to the event it reports."""

import pytest

from core.models import DomainEvent
from dossiers import events
from dossiers.services import ApplicantData, dossier_receive
from dossiers.subscribers import tell_applicant
from dossiers.tests.conftest import reception_for
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_an_applicant_with_a_phone_and_an_email_gets_an_sms_and_an_email(
    office, django_capture_on_commit_callbacks
):
    applicant = ApplicantData(
        full_name="Nguyễn Văn An", phone="0912345678", email="an.nguyen@example.vn"
    )
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_receive(
            reception=reception_for(office, applicant=applicant), actor=office.alice
        )
    received = DomainEvent.objects.get(kind=events.RECEIVED, subject_id=str(dossier.pk))
    messages = list(Notification.objects.order_by("channel"))
    assert [(m.channel, m.recipient) for m in messages] == [
        ("email", "an.nguyen@example.vn"),
        ("sms", "0912345678"),
    ]
    for message in messages:
        assert (message.object_type, message.object_id) == ("dossiers.dossier", str(dossier.pk))
        assert message.event == received
        assert message.agency_code == office.centre_a.code
    assert messages[0].masked_recipient == "a********@example.vn"
    assert messages[1].masked_recipient == "091*****78"
    # Both carry the receipt's check value, so the lookup they point to shows the whole dossier.
    assert f"ma={dossier.code}&kt={dossier.lookup_check}" in messages[1].body
    assert f"mã kiểm tra {dossier.lookup_check}" in messages[0].body
    # The subscriber running again for the same event (a retry) tells nobody twice.
    tell_applicant(received)
    assert Notification.objects.count() == 2
