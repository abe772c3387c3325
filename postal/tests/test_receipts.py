"""What goes back to the sender of an envelope: the receipt (Mẫu 01) by post — on the clerk's
list until handed to the post — or by SMS or e-mail through the notification backends; and an
envelope sent back, on the list "to return to the sender" with its reason."""

import pytest
from django.urls import reverse

from core.models import AuditEvent, DomainEvent
from dossiers import events
from dossiers.subscribers import tell_applicant
from notifications.models import Notification
from postal.errors import PostalError
from postal.models import InboundItem
from postal.services_inbound import (
    item_arrival_record,
    item_posted_back,
    item_register,
    item_send_back,
)
from postal.tests.helpers import address, received_by_post, reception

pytestmark = pytest.mark.django_db


def _day(client, office):
    client.force_login(office.pat)
    return client.get(reverse("postal:today")).content.decode()


def test_a_receipt_by_post_waits_on_the_list_until_handed_to_the_post(client, post_office):
    dossier = received_by_post(post_office)
    item = InboundItem.objects.get(dossier=dossier)
    page = _day(client, post_office)
    assert "Phiếu tiếp nhận (Mẫu 01) cần gửi bưu chính cho người gửi" in page
    assert reverse("dossiers:form", args=[dossier.pk, "01"]) in page
    response = client.post(reverse("postal:posted-back", args=[item.pk]))
    assert response.status_code == 302
    client.post(reverse("postal:posted-back", args=[item.pk]))  # a double click
    item.refresh_from_db()
    assert item.posted_back_at is not None
    assert AuditEvent.objects.filter(action="postal_item_posted_back").count() == 1
    assert reverse("dossiers:form", args=[dossier.pk, "01"]) not in _day(client, post_office)


def test_a_receipt_by_sms_goes_through_the_sms_backend(post_office):
    item = item_arrival_record(
        agency=post_office.centre_a,
        item_number="EB123456785VN",
        sender_name="Nguyễn Văn An",
        user=post_office.pat,
    )
    dossier = item_register(
        item_id=item.pk,
        reception=reception(post_office),
        receipt_sent_by="sms",
        address=address(post_office),
        user=post_office.pat,
    )
    received = DomainEvent.objects.get(kind=events.RECEIVED, subject_id=str(dossier.pk))
    tell_applicant(received)  # what the event worker does after the commit
    sms = Notification.objects.get(channel="sms")
    assert sms.recipient == "0912345678" and dossier.code in sms.body
    assert f"kt={dossier.lookup_check}" in sms.body  # the receipt's lookup key
    with pytest.raises(PostalError):  # nothing to post: it went by SMS
        item_posted_back(item_id=item.pk, user=post_office.pat)


def test_an_envelope_sent_back_waits_on_the_list_with_its_reason(client, post_office):
    item = item_arrival_record(
        agency=post_office.centre_a,
        item_number="EB123456785VN",
        sender_name="Nguyễn Văn An",
        sender_address="12 Hàng Bạc",
        user=post_office.pat,
    )
    item_send_back(item_id=item.pk, reason="Thiếu tờ khai có chữ ký", user=post_office.pat)
    page = _day(client, post_office)
    assert "Bưu gửi cần trả lại người gửi" in page and "Thiếu tờ khai có chữ ký" in page
    item_posted_back(item_id=item.pk, user=post_office.pat)
    assert "Thiếu tờ khai có chữ ký" not in _day(client, post_office)
    with pytest.raises(PostalError):
        item_posted_back(item_id=item.pk, user=post_office.paul)  # another centre's clerk
