"""Digitised documents: a scanned component recorded with the Decree 118 art. 19.2 metadata,
the signed result recorded as an electronic result, a citizen's valid documents offered for
reuse in a later dossier only with their consent, the reuse recorded, and the Decision 766
indicators counted from these records."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citizens.models import Citizen, ConsentPurpose
from citizens.services import consent_grant, consent_withdraw
from core.events import events_sweep
from core.models import AuditEvent
from digitised.models import DigitisedDocument, DigitisedKind, Reuse
from digitised.selectors import digitisation_indicators, reuse_offer
from digitised.services import (
    Metadata,
    digitised_component_record,
    metadata_problems,
    reuse_record,
)
from dossiers.models import DossierFile
from dossiers.services import ChecklistItem, Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action

pytestmark = pytest.mark.django_db
ID = "001090012345"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _receive(office, n_files: int = 1):
    uploads = [
        SimpleUploadedFile(f"giay-khai-sinh-{n}.png", PNG + bytes([n])) for n in range(n_files)
    ]
    items = [ChecklistItem(name="Giấy khai sinh", copies=1, uploads=uploads)]
    return dossier_receive(reception=reception_for(office, checklist=items), actor=office.alice)


def _metadata(**changes) -> Metadata:
    values = {
        "document_type_code": "GKS",
        "holder_id_number": ID,
        "name": "Giấy khai sinh",
        "number": "12/2020",
        "summary": "Khai sinh cho Nguyễn Văn An",
        "valid_from": date(2020, 1, 5),
        "valid_until": None,
        "issuer": "UBND Xã An",
    }
    return Metadata(**(values | changes))


def _citizen(consented_to=None, office=None) -> Citizen:
    citizen = Citizen.objects.create(
        id_number=ID, full_name="Nguyễn Văn An", birth_date=date(1990, 1, 1), gender="Nam"
    )
    if consented_to is not None:
        consent_grant(
            citizen=citizen,
            purpose=ConsentPurpose.REUSE,
            actor=office.alice,
            agency_code=consented_to.code,
        )
    return citizen


def test_metadata_rules_are_checked_with_a_message_for_each_field():
    assert metadata_problems(_metadata()) == {}
    problems = metadata_problems(
        _metadata(
            document_type_code="",
            holder_id_number="12345",
            name=" ",
            summary="",
            issuer="",
            valid_from=date(2026, 3, 1),
            valid_until=date(2026, 2, 1),
        )
    )
    assert set(problems) == {
        "document_type_code",
        "holder_id_number",
        "name",
        "summary",
        "issuer",
        "valid_until",
    }


def test_a_scanned_component_is_recorded_once_with_its_metadata_and_audited(office):
    dossier = _receive(office)
    file = DossierFile.objects.get()
    document = digitised_component_record(file=file, data=_metadata(), actor=office.alice)
    assert document.kind == DigitisedKind.COMPONENT and document.dossier == dossier
    assert document.sha256 == file.sha256
    audit = AuditEvent.objects.get(action="digitised_component_recorded")
    assert ID not in str(audit.new_values)  # the holder's ID is masked in the trail
    with pytest.raises(ValidationError):
        digitised_component_record(file=file, data=_metadata(), actor=office.alice)
    assert DigitisedDocument.objects.count() == 1


def test_the_record_page_keeps_what_was_typed_and_explains_errors(client, office):
    dossier = _receive(office)
    file = DossierFile.objects.get()
    client.force_login(office.alice)
    url = reverse("digitised:component", args=[dossier.pk, file.pk])
    page = client.get(url)
    assert page.status_code == 200 and ID in page.content.decode()  # prefilled holder
    response = client.post(
        url,
        {
            "document_type_code": "GKS",
            "holder_id_number": ID,
            "name": "Giấy khai sinh",
            "summary": "Khai sinh",
            "valid_from": "05/01/2020",
            "valid_until": "01/01/2019",
            "issuer": "UBND Xã An",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "không thể hết hạn trước" in body and "Khai sinh" in body
    assert not DigitisedDocument.objects.exists()
    response = client.post(
        url,
        {
            "document_type_code": "GKS",
            "holder_id_number": ID,
            "name": "Giấy khai sinh",
            "summary": "Khai sinh",
            "valid_from": "05/01/2020",
            "issuer": "UBND Xã An",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "đã số hóa" in page and "GKS" in page


def test_another_agencys_officer_gets_404(client, office):
    dossier = _receive(office)
    file = DossierFile.objects.get()
    client.force_login(office.bob)
    assert client.get(reverse("digitised:component", args=[dossier.pk, file.pk])).status_code == 404
    assert client.post(reverse("digitised:reuse", args=[dossier.pk, 1])).status_code == 404


def test_valid_documents_are_offered_for_reuse_only_with_consent(client, office):
    earlier = _receive(office)
    digitised_component_record(
        file=DossierFile.objects.get(document__dossier=earlier),
        data=_metadata(),
        actor=office.alice,
    )
    expired = _receive(office)
    digitised_component_record(
        file=DossierFile.objects.get(document__dossier=expired),
        data=_metadata(name="CCCD cũ", valid_until=timezone.localdate() - timedelta(days=1)),
        actor=office.alice,
    )
    later = _receive(office, n_files=0)
    today = timezone.localdate()
    # No consent: nothing offered, and a reuse is refused.
    _citizen()
    offer = reuse_offer(later, today=today)
    assert not offer.consented and offer.documents == []
    document = DigitisedDocument.objects.get(name="Giấy khai sinh")
    with pytest.raises(ValidationError):
        reuse_record(document=document, dossier=later, actor=office.alice)
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:dossier", args=[later.pk])).content.decode()
    assert "chưa đồng ý" in page
    # With consent at the receiving counter: the valid document only, then reused once.
    consent = consent_grant(
        citizen=Citizen.objects.get(),
        purpose=ConsentPurpose.REUSE,
        actor=office.alice,
        agency_code=later.receiving_agency.code,
    )
    offer = reuse_offer(later, today=today)
    assert offer.consented and offer.documents == [document]
    response = client.post(reverse("digitised:reuse", args=[later.pk, document.pk]))
    assert response.status_code == 302
    reuse = Reuse.objects.get()
    assert reuse.dossier == later and reuse.consent == consent
    assert reuse_offer(later, today=today).documents == []
    assert AuditEvent.objects.filter(action="digitised_reused").count() == 1
    # Withdrawn consent: no more offers.
    consent_withdraw(
        citizen=Citizen.objects.get(),
        purpose=ConsentPurpose.REUSE,
        actor=office.alice,
        agency_code=later.receiving_agency.code,
    )
    assert not reuse_offer(later, today=today).consented


def test_an_expired_or_someone_elses_document_is_never_reused(office):
    earlier = _receive(office)
    document = digitised_component_record(
        file=DossierFile.objects.get(document__dossier=earlier),
        data=_metadata(holder_id_number="079200000001"),
        actor=office.alice,
    )
    later = _receive(office, n_files=0)
    _citizen(consented_to=later.receiving_agency, office=office)
    with pytest.raises(ValidationError):
        reuse_record(document=document, dossier=later, actor=office.alice)
    assert not Reuse.objects.exists()


def _act(office, dossier, actor, action, **fields):
    move = Move(action=action, expected_version=dossier.version, **fields)
    return dossier_transition(dossier_id=dossier.pk, move=move, actor=getattr(office, actor))


def test_the_signed_result_becomes_an_electronic_result_and_the_indicators_count_it(client, office):
    from core.documents import render_pdf
    from dossiers.results import ResultDocumentData, result_document_record

    dossier = _receive(office, n_files=2)
    digitised_component_record(
        file=DossierFile.objects.filter(document__dossier=dossier).first(),
        data=_metadata(),
        actor=office.alice,
    )
    dossier = _act(office, dossier, "alice", Action.ASSIGN, assignee=office.sophie)
    pdf = render_pdf('<html lang="vi"><head><title>QĐ</title></head><body>QĐ</body></html>')
    stored: list[str] = []
    result_document_record(
        dossier=dossier,
        stage="draft",
        data=ResultDocumentData(upload=SimpleUploadedFile("qd.pdf", pdf)),
        actor=office.sophie,
        stored=stored,
    )
    dossier = _act(office, dossier, "sophie", Action.PROPOSE)
    client.force_login(office.leo)
    response = client.post(
        reverse("dossiers:action", args=[dossier.pk]),
        {
            "action": "approve",
            "version": dossier.version,
            "result_number": "125/QĐ-UBND",
            "result_date": "05/03/2026",
        },
    )
    assert response.status_code == 302
    events_sweep()
    electronic = DigitisedDocument.objects.get(kind=DigitisedKind.RESULT)
    assert electronic.holder_id_number == ID and electronic.number == "125/QĐ-UBND"
    assert electronic.issuer == dossier.handling_agency.name
    assert electronic.valid_from == date(2026, 3, 5)
    assert electronic.document_type_code.startswith("KQ.")
    events_sweep()  # a second delivery records nothing more
    assert DigitisedDocument.objects.filter(kind=DigitisedKind.RESULT).count() == 1

    start = timezone.now() - timedelta(days=1)
    end = timezone.now() + timedelta(days=1)
    agencies = [office.centre_a.pk]
    with CaptureQueriesContext(connection) as queries:
        numbers = digitisation_indicators(agency_ids=agencies, start=start, end=end)
    assert len(queries) == 7
    assert numbers.dossiers == 1 and numbers.components == 2
    assert numbers.digitised_components == 1 and numbers.digitised_share == 50.0
    assert numbers.dossiers_fully_digitised == 0
    assert numbers.results == 1 and numbers.electronic_results == 1
    assert numbers.electronic_result_share == 100.0
    assert numbers.dossiers_with_reuse == 0 and numbers.reuse_share == 0.0
