"""Signatures seen from the dossier page: the leader's "approve and sign" signs the result in
one step (or changes nothing when it cannot sign), a letter Mẫu 01–05 downloads signed, and a
citizen's signed PDF is checked from the panel, by staff who see the dossier only (R5)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from dossiers.models import DossierFile, ResultDocument
from dossiers.services import ChecklistItem, Move, dossier_receive, dossier_transition
from dossiers.signatures import SignatureRequest, pdf_sign
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State
from signing.models import SignatureCheck
from signing.validation import Outcome, overall, pdf_signatures_validate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _act(office, dossier, actor, action, **fields):
    move = Move(action=action, expected_version=dossier.version, **fields)
    return dossier_transition(dossier_id=dossier.pk, move=move, actor=getattr(office, actor))


def _receive_with(office, *uploads):
    items = [ChecklistItem(name="Bản sao giấy tờ", copies=1, uploads=list(uploads))]
    return dossier_receive(reception=reception_for(office, checklist=items), actor=office.alice)


def _pdf(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def proposed(office, sample_pdf):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    dossier = _act(office, dossier, "alice", Action.ASSIGN, assignee=office.sophie)
    from dossiers.results import ResultDocumentData, result_document_record

    stored: list[str] = []
    result_document_record(
        dossier=dossier,
        stage="draft",
        data=ResultDocumentData(upload=_pdf("du-thao.pdf", sample_pdf)),
        actor=office.sophie,
        stored=stored,
    )
    return _act(office, dossier, "sophie", Action.PROPOSE)


def _approve(client, dossier):
    dossier.refresh_from_db()
    return client.post(
        reverse("dossiers:action", args=[dossier.pk]),
        {
            "action": "approve",
            "version": dossier.version,
            "result_number": "125/QĐ-UBND",
            "result_date": "05/03/2026",
        },
    )


def test_approve_and_sign_signs_the_result_in_one_step(client, office, proposed):
    client.force_login(office.leo)
    assert _approve(client, proposed).status_code == 302
    final = ResultDocument.objects.get(stage="final")
    assert final.signed_by == "Lãnh đạo UBND (DEMO)" and final.signature_demo
    with final.file.open("rb") as handle:
        assert overall(pdf_signatures_validate(handle.read())) == Outcome.VALID
    page = client.get(reverse("dossiers:dossier", args=[proposed.pk])).content.decode()
    assert "Đã ký số bởi Lãnh đạo UBND (DEMO)" in page
    assert "không có giá trị pháp lý" in page


def test_when_the_result_cannot_be_signed_nothing_is_approved(
    client, office, proposed, settings, media
):
    settings.SIGNING_PROVIDER = "pkcs12"
    settings.SIGNING_PKCS12_PATH = str(media / "missing.p12")
    client.force_login(office.leo)
    response = _approve(client, proposed)
    assert response.status_code == 400
    assert "chứng thư số" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == State.PROPOSED
    assert not ResultDocument.objects.filter(stage="final").exists()


def test_a_letter_downloads_signed_by_the_agency_and_is_audited(client, office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    client.force_login(office.alice)
    url = reverse("dossiers:form", args=[dossier.pk, "01"])
    assert "ky-so=1" in client.get(url).content.decode()
    response = client.get(url + "?pdf=1&ky-so=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-ky-so.pdf"')
    assert overall(pdf_signatures_validate(response.content)) == Outcome.VALID
    assert AuditEvent.objects.filter(action="dossier_form_signed").count() == 1
    # Mẫu 06 is an internal sheet: never signed.
    sheet = client.get(reverse("dossiers:form", args=[dossier.pk, "06"]) + "?pdf=1&ky-so=1")
    assert pdf_signatures_validate(sheet.content) == []


def test_staff_check_a_citizens_signed_pdf_and_see_the_outcome_on_the_page(
    client, office, sample_pdf
):
    signed = pdf_sign(
        pdf=sample_pdf,
        agency_code="",
        request=SignatureRequest(agency_name="Sở Tư pháp", reason="Bản sao điện tử"),
    ).content
    dossier = _receive_with(
        office, _pdf("ban-sao-ky-so.pdf", signed), _pdf("to-khai.pdf", sample_pdf)
    )
    signed_file, plain_file = DossierFile.objects.order_by("pk")
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "ban-sao-ky-so.pdf" in page and "chưa kiểm tra" in page
    for file in (signed_file, plain_file):
        url = reverse("signing:check", args=[dossier.pk, "tep", file.pk])
        assert client.post(url).status_code == 302
    assert SignatureCheck.objects.get(sha256=signed_file.sha256).outcome == Outcome.VALID
    assert SignatureCheck.objects.get(sha256=plain_file.sha256).outcome == Outcome.NONE
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "Chữ ký hợp lệ" in page and "Không có chữ ký số" in page
    assert AuditEvent.objects.filter(action="signature_checked").count() == 2


def test_another_agencys_officer_gets_404_and_nothing_is_checked(client, office, sample_pdf):
    dossier = _receive_with(office, _pdf("ban-sao.pdf", sample_pdf))
    file = DossierFile.objects.get()
    client.force_login(office.bob)  # commune B's counter
    url = reverse("signing:check", args=[dossier.pk, "tep", file.pk])
    assert client.post(url).status_code == 404
    assert (
        client.post(reverse("signing:check", args=[dossier.pk, "khac", file.pk])).status_code == 404
    )
    client.logout()
    assert client.post(url).status_code in (302, 403)
    assert not SignatureCheck.objects.exists()


def test_checking_needs_a_post(client, office, sample_pdf):
    dossier = _receive_with(office, _pdf("ban-sao.pdf", sample_pdf))
    client.force_login(office.alice)
    url = reverse("signing:check", args=[dossier.pk, "tep", DossierFile.objects.get().pk])
    assert client.get(url).status_code == 405


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_panel_uses_the_same_number_of_queries_for_one_or_five_pdfs(client, office, sample_pdf):
    client.force_login(office.alice)
    one = _receive_with(office, _pdf("a.pdf", sample_pdf))
    five = _receive_with(office, *[_pdf(f"{n}.pdf", sample_pdf + bytes([n])) for n in range(5)])
    for file in DossierFile.objects.all():
        client.post(reverse("signing:check", args=[file.document.dossier_id, "tep", file.pk]))
    few = _queries(client, reverse("dossiers:dossier", args=[one.pk]))
    assert _queries(client, reverse("dossiers:dossier", args=[five.pk])) == few
