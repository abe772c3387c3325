"""Refusing at the counter gives the applicant the written guidance, once and in full: the
documents not handed in and what the officer wrote besides, printable at once."""

import pytest
from django.urls import reverse

from catalog.models import RequiredDocument
from core.models import AuditEvent
from counter.models import GuidanceSlip
from counter.tests.test_reception_page import reception_data
from dossiers.models import Dossier
from dossiers.tests.test_workspace import RECEPTION

pytestmark = pytest.mark.django_db


def test_refusing_prints_the_written_guidance_with_the_missing_documents(client, office):
    RequiredDocument.objects.create(version=office.version, name="Giấy chứng sinh", order=2)
    client.force_login(office.alice)
    data = reception_data(
        client, office, decision="refuse", refusal_note="Tờ khai phải có chữ ký của người đi khai"
    )
    response = client.post(RECEPTION, data)
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    slip = GuidanceSlip.objects.get()
    assert response.context["guidance"] == slip
    assert (slip.agency, slip.officer, slip.citizen_name) == (
        office.centre_a,
        office.alice,
        "Trần Thị Bình",
    )
    assert slip.missing_documents == ["Giấy chứng sinh"]
    assert slip.other_lines == ["Tờ khai phải có chữ ký của người đi khai"]
    printable = reverse("counter:slip", args=[slip.pk])
    assert printable in response.content.decode()
    sheet = client.get(printable).content.decode()
    assert "Giấy chứng sinh" in sheet and "Tờ khai phải có chữ ký của người đi khai" in sheet
    assert "Trần Thị Bình" in sheet
    pdf = client.get(printable + "?pdf=1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="guidance_slip_create").count() == 1


def test_the_same_refusal_posted_again_gives_the_same_guidance(client, office):
    RequiredDocument.objects.create(version=office.version, name="Giấy chứng sinh", order=2)
    client.force_login(office.alice)
    data = reception_data(client, office, decision="refuse")
    first = client.post(RECEPTION, data).context["guidance"]
    second = client.post(RECEPTION, data).context["guidance"]
    assert first == second
    assert GuidanceSlip.objects.count() == 1


def test_refusing_a_complete_dossier_asks_what_is_wrong_before_printing(client, office):
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, decision="refuse"))
    assert response.status_code == 200
    assert response.context["guidance"] is None
    assert not GuidanceSlip.objects.exists()
    assert "rồi bấm từ chối lại" in response.content.decode()
