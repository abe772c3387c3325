"""The result of a dossier: the specialist proposes with a draft result document, the leader
approves with the signed one (number and date) or sends it back to the specialist, and the
counter records who collected the result (ID checked, masked wherever it is shown)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from dossiers.models import Dossier, ResultCollection, ResultDocument, ReturnMethod
from dossiers.register import register_rows
from dossiers.services import Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(scope="module")
def real_pdf() -> bytes:
    from core.documents import render_pdf

    return render_pdf(
        '<html lang="vi"><head><title>Quyết định</title></head>'
        "<body><p>Quyết định số 125/QĐ-UBND</p></body></html>"
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _act(office, dossier, actor, action, **fields):
    move = Move(action=action, expected_version=dossier.version, **fields)
    return dossier_transition(dossier_id=dossier.pk, move=move, actor=getattr(office, actor))


def _post(client, dossier, action, **data):
    dossier.refresh_from_db()
    url = reverse("dossiers:action", args=[dossier.pk])
    return client.post(url, {"action": action, "version": dossier.version, **data})


@pytest.fixture
def in_progress(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    return _act(office, dossier, "alice", Action.ASSIGN, assignee=office.sophie)


@pytest.fixture
def ready(office, in_progress):
    dossier = _act(office, in_progress, "sophie", Action.PROPOSE)
    return _act(office, dossier, "leo", Action.APPROVE)


def _files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


# --- The result document -------------------------------------------------------------------


def test_the_specialist_proposes_with_the_draft_and_the_leader_signs_the_final(
    client, office, in_progress, media, real_pdf
):
    client.force_login(office.sophie)
    draft = SimpleUploadedFile("Dự thảo quyết định.pdf", real_pdf, content_type="application/pdf")
    response = _post(
        client, in_progress, "propose", result_file=draft, result_note="Đã xác minh cư trú"
    )
    assert response.status_code == 302
    client.force_login(office.leo)
    response = _post(
        client, in_progress, "approve", result_number="125/QĐ-UBND", result_date="05/03/2026"
    )
    assert response.status_code == 302
    rows = list(ResultDocument.objects.order_by("id"))
    assert [row.stage for row in rows] == ["draft", "final"]
    assert rows[0].original_name == "Dự thảo quyết định.pdf"
    assert rows[0].note == "Đã xác minh cư trú"
    # The leader approved the draft as proposed and signed it digitally in the same step: the
    # final is the draft with a PAdES signature added, the draft stays as it was.
    assert rows[1].number == "125/QĐ-UBND"
    assert rows[1].issued_on.isoformat() == "2026-03-05"
    assert rows[1].sha256 != rows[0].sha256
    assert rows[1].signed_by and rows[1].signed_at and rows[1].signature_demo
    assert len(_files(media)) == 2
    assert AuditEvent.objects.filter(action="result_document_final").exists()
    page = client.get(reverse("dossiers:dossier", args=[in_progress.pk])).content.decode()
    assert "125/QĐ-UBND" in page and "05/03/2026" in page
    download = client.get(reverse("dossiers:result-file", args=[in_progress.pk, rows[1].pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    signed = b"".join(download.streaming_content)
    assert signed.startswith(real_pdf)  # an incremental update: the draft's bytes, then more
    assert b"/ByteRange" in signed


def test_a_proposal_without_a_draft_file_or_note_changes_nothing(client, office, in_progress):
    client.force_login(office.sophie)
    response = _post(client, in_progress, "propose")
    assert response.status_code == 400
    assert "Đính kèm dự thảo" in response.content.decode() or "ghi chú" in response.content.decode()
    in_progress.refresh_from_db()
    assert in_progress.state == State.IN_PROGRESS
    assert not ResultDocument.objects.exists()


def test_a_malicious_draft_is_refused_with_a_message_and_nothing_is_stored(
    client, office, in_progress, media
):
    client.force_login(office.sophie)
    exe = SimpleUploadedFile("du-thao.pdf", b"MZ\x90\x00\x03" + bytes(200))
    response = _post(client, in_progress, "propose", result_file=exe, result_note="x")
    assert response.status_code == 400
    in_progress.refresh_from_db()
    assert in_progress.state == State.IN_PROGRESS
    assert _files(media) == []


def test_the_leader_must_give_the_number_and_date_of_the_signed_result(client, office, in_progress):
    dossier = _act(office, in_progress, "sophie", Action.PROPOSE)
    client.force_login(office.leo)
    response = _post(client, dossier, "approve", result_date="31/02/2026")
    assert response.status_code == 400
    body = response.content.decode()
    assert "số của văn bản" in body.lower() or "Số và ký hiệu" in body
    dossier.refresh_from_db()
    assert dossier.state == State.PROPOSED


def test_sending_back_tells_the_leader_the_reason_goes_to_the_specialist(
    client, office, in_progress
):
    dossier = _act(office, in_progress, "sophie", Action.PROPOSE)
    client.force_login(office.leo)
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "Trả lại chuyên viên" in page
    assert "không gửi cho người nộp hồ sơ" in page


def test_a_stored_draft_is_removed_when_the_action_fails(client, office, in_progress, media):
    client.force_login(office.sophie)
    draft = SimpleUploadedFile("du-thao.pdf", PDF, content_type="application/pdf")
    # Someone else acted meanwhile: the page's version is stale.
    url = reverse("dossiers:action", args=[in_progress.pk])
    response = client.post(
        url, {"action": "propose", "version": in_progress.version - 1, "result_file": draft}
    )
    assert response.status_code == 409
    assert _files(media) == []
    assert not ResultDocument.objects.exists()


# --- Who collected the result --------------------------------------------------------------

COLLECTOR = {
    "collector_kind": "authorised",
    "collector_name": "Trần Thị Bình",
    "collector_id": "001190067890",
    "collector_id_checked": "on",
    "collector_relationship": "vợ",
    "collector_authorisation": "Giấy ủy quyền ngày 02/03/2026, chứng thực tại UBND Phường An",
}


def test_returning_at_the_counter_records_the_authorised_collector(client, office, ready):
    client.force_login(office.alice)
    response = _post(client, ready, "return_result", **COLLECTOR)
    assert response.status_code == 302
    collection = ResultCollection.objects.get()
    assert (collection.full_name, collection.relationship) == ("Trần Thị Bình", "vợ")
    assert collection.id_checked
    page = client.get(reverse("dossiers:dossier", args=[ready.pk])).content.decode()
    assert "Trần Thị Bình" in page
    assert "********7890" in page
    assert "001190067890" not in page
    event = AuditEvent.objects.get(action="result_collected")
    assert "001190067890" not in str(event.new_values)


def test_the_register_shows_who_collected_with_the_id_masked(client, office, ready):
    client.force_login(office.alice)
    _post(client, ready, "return_result", **COLLECTOR)
    ready.refresh_from_db()
    day = timezone.localtime(ready.received_at).date()
    rows = register_rows(agency=office.centre_a, start=day, end=day)
    assert "Trần Thị Bình (vợ)" in rows[0].note
    assert "********7890" in rows[0].note
    assert "001190067890" not in rows[0].note


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"collector_id_checked": ""}, "đánh dấu"),
        ({"collector_id": "12345"}, "12 chữ số"),
        ({"collector_relationship": ""}, "quan hệ"),
        ({"collector_authorisation": ""}, "giấy ủy quyền"),
        ({"collector_name": ""}, "họ tên"),
    ],
)
def test_a_return_without_a_checked_collector_changes_nothing(
    client, office, ready, changes, message
):
    client.force_login(office.alice)
    response = _post(client, ready, "return_result", **(COLLECTOR | changes))
    assert response.status_code == 400
    assert message in response.content.decode().lower()
    ready.refresh_from_db()
    assert ready.state == State.RESULT_READY
    assert not ResultCollection.objects.exists()


def test_the_applicant_collecting_needs_no_authorisation(client, office, ready):
    client.force_login(office.alice)
    data = COLLECTOR | {
        "collector_kind": "applicant",
        "collector_name": "Nguyễn Văn An",
        "collector_id": "001090012345",
        "collector_relationship": "",
        "collector_authorisation": "",
    }
    assert _post(client, ready, "return_result", **data).status_code == 302
    assert Dossier.objects.get().state == State.RETURNED


def test_a_result_sent_by_post_asks_for_no_collector(client, office):
    dossier = dossier_receive(
        reception=reception_for(office, return_method=ReturnMethod.POST), actor=office.alice
    )
    dossier = _act(office, dossier, "alice", Action.ASSIGN, assignee=office.sophie)
    dossier = _act(office, dossier, "sophie", Action.PROPOSE)
    dossier = _act(office, dossier, "leo", Action.APPROVE)
    client.force_login(office.alice)
    response = _post(client, dossier, "return_result")
    assert response.status_code == 302
    assert not ResultCollection.objects.exists()


def test_a_result_signed_on_paper_is_approved_with_its_number_and_date(client, office, in_progress):
    dossier = _act(office, in_progress, "sophie", Action.PROPOSE)
    client.force_login(office.leo)
    response = _post(client, dossier, "approve", result_number="12/GKS", result_date="02/03/2026")
    assert response.status_code == 302
    final = ResultDocument.objects.get(stage="final")
    assert (final.number, final.file.name) == ("12/GKS", "")
