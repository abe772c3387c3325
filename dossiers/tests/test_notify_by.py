"""The applicant chooses how they hear of their dossier (SMS, Zalo, e-mail, every contact, or
nothing), the counter's and the portal's forms check the choice against the contacts given, and
no message by any channel ever carries the applicant's ID number."""

import pytest
from django.utils import timezone

from core.models import DomainEvent
from dossiers import events
from dossiers.forms import NotifyByField, clean_notify_by
from dossiers.messages import routes
from dossiers.models import NotifyBy
from dossiers.services import ApplicantData, dossier_receive
from dossiers.subscribers import tell_applicant
from dossiers.tests.conftest import reception_for
from notifications.delivery import message_deliver
from notifications.models import Notification
from notifications.sms import MemorySms

pytestmark = pytest.mark.django_db
ID_NUMBER = "001190012345"


@pytest.fixture(autouse=True)
def empty_outbox():
    MemorySms.outbox.clear()


def _receive(office, capture, **contact):
    applicant = ApplicantData(full_name="Nguyễn Văn An", id_number=ID_NUMBER, **contact)
    with capture(execute=True):
        return dossier_receive(
            reception=reception_for(office, applicant=applicant), actor=office.alice
        )


def test_each_choice_routes_to_the_contacts_it_names():
    contacts = {"phone": "0912345678", "email": "an@example.vn"}
    assert routes(NotifyBy.EVERY, **contacts) == [("sms", "0912345678"), ("email", "an@example.vn")]
    assert routes(NotifyBy.SMS, **contacts) == [("sms", "0912345678")]
    assert routes(NotifyBy.ZALO, **contacts) == [("zalo", "0912345678")]
    assert routes(NotifyBy.EMAIL, **contacts) == [("email", "an@example.vn")]
    assert routes(NotifyBy.NONE, **contacts) == []
    assert routes(NotifyBy.EVERY, phone="", email="an@example.vn") == [("email", "an@example.vn")]


def test_an_applicant_who_chose_zalo_gets_one_zalo_message_with_diacritics(
    office, django_capture_on_commit_callbacks
):
    dossier = _receive(
        office,
        django_capture_on_commit_callbacks,
        phone="0912345678",
        email="an@example.vn",
        message_channel=NotifyBy.ZALO,
    )
    (message,) = Notification.objects.all()
    assert (message.channel, message.recipient) == ("zalo", "0912345678")
    assert message_deliver(message_id=message.pk) == "sent"
    assert MemorySms.outbox == [{"to": "0912345678", "text": message.body, "via": "zalo"}]
    assert f"đã tiếp nhận hồ sơ {dossier.code}" in message.body


def test_an_applicant_who_chose_no_messages_gets_none(office, django_capture_on_commit_callbacks):
    _receive(
        office,
        django_capture_on_commit_callbacks,
        phone="0912345678",
        message_channel=NotifyBy.NONE,
    )
    assert not Notification.objects.exists()


@pytest.mark.parametrize("choice", [NotifyBy.EVERY, NotifyBy.ZALO])
def test_no_message_of_any_event_carries_the_id_number(
    office, django_capture_on_commit_callbacks, choice
):
    dossier = _receive(
        office,
        django_capture_on_commit_callbacks,
        phone="0912345678",
        email="an@example.vn",
        message_channel=choice,
    )
    # An agency's own wording that asks for the ID number gets the placeholder, not the number.
    from dossiers.models import Event, MessageTemplate

    MessageTemplate.objects.create(
        agency=office.centre_a, event=Event.RESULT_READY, channel="sms", text="{id_number} {code}"
    )
    reasons = {
        "reason": "thiếu bản sao giấy khai sinh",
        "extended_due_at": timezone.now().isoformat(),
    }
    for kind in (events.SUPPLEMENT_REQUESTED, events.APOLOGY_ISSUED, events.RESULT_READY):
        tell_applicant(
            DomainEvent.objects.create(
                kind=kind,
                subject_type="dossiers.dossier",
                subject_id=str(dossier.pk),
                payload=reasons,
                actor_kind="system",
                at=timezone.now(),
            )
        )
    messages = list(Notification.objects.all())
    assert len(messages) == (8 if choice == NotifyBy.EVERY else 4)
    for message in messages:
        assert ID_NUMBER not in message.body + message.subject
        message_deliver(message_id=message.pk)
    assert all(ID_NUMBER not in sent["text"] for sent in MemorySms.outbox)


@pytest.mark.parametrize(
    ("choice", "contact", "error"),
    [
        (NotifyBy.ZALO, {"email": "an@example.vn"}, "Nhập số điện thoại để nhận thông báo"),
        (NotifyBy.SMS, {"email": "an@example.vn"}, "Nhập số điện thoại để nhận thông báo"),
        (NotifyBy.EMAIL, {"phone": "0912345678"}, "Nhập địa chỉ thư điện tử để nhận thông báo"),
    ],
)
def test_a_choice_without_its_contact_is_refused_with_a_clear_message(choice, contact, error):
    from django import forms

    class Contact(forms.Form):
        phone = forms.CharField(required=False)
        email = forms.EmailField(required=False)
        message_channel = NotifyByField()

        def clean(self):
            data = super().clean()
            clean_notify_by(self)
            return data

    form = Contact(data={"message_channel": choice, **contact})
    assert not form.is_valid()
    assert form.errors["message_channel"][0].startswith(error)
