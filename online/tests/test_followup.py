"""After submitting: the citizen follows the dossier, gets the letters as PDFs, answers a
supplement request online with only the items asked for (the term restarts), withdraws with a
reason, and is told by SMS; a verified citizen also sees what the counter received under
their ID number. Everyone else's dossier is 404."""

import io
from datetime import date

import pytest
from django.urls import reverse

from citizens.models import Citizen
from dossiers.models import Dossier
from dossiers.services import Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State
from notifications.models import Notification
from online.tests.conftest import photo, sign_in
from online.tests.test_submission import answers, slot_of, start


def submitted(client, portal, account=None, **changes) -> Dossier:
    sign_in(client, account or portal.an)
    draft_url = start(client, portal.partial)
    response = client.post(
        draft_url,
        {**answers(portal, **changes), slot_of(portal.partial): [photo()], "action": "submit"},
    )
    assert response.status_code == 302
    return Dossier.objects.latest("id")


def move(dossier, action, actor, **kwargs):
    dossier.refresh_from_db()
    return dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=action, expected_version=dossier.version, **kwargs),
        actor=actor,
    )


@pytest.mark.django_db
def test_the_citizen_is_told_at_once_that_the_submission_arrived(
    client, portal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = submitted(client, portal)
    text = Notification.objects.get(recipient="0912345678").body
    assert dossier.code in text and "8 gio lam viec" in text


@pytest.mark.django_db
def test_my_dossiers_shows_the_state_the_deadline_and_the_next_step(client, portal):
    dossier = submitted(client, portal)
    page = client.get(reverse("online:my-dossiers")).content.decode()
    assert dossier.code in page and "đăng ký trực tuyến" in page, page[page.find("<main") :][:1500]
    page = client.get(reverse("online:dossier", args=[dossier.pk])).content.decode()
    assert "Việc bạn cần làm tiếp" in page and "8.000 đ" in page


@pytest.mark.django_db
def test_accepted_online_the_citizen_downloads_the_official_receipt(client, portal):
    dossier = submitted(client, portal)
    letter = reverse("online:letter", args=[dossier.pk, "01"])
    assert client.get(letter).status_code == 404  # not before acceptance
    move(dossier, Action.ACCEPT, portal.alice)
    page = client.get(reverse("online:dossier", args=[dossier.pk])).content.decode()
    assert "Mẫu 01" in page and "ngày làm việc" in page
    response = client.get(letter)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_supplement_is_answered_online_with_only_the_items_asked_and_the_term_restarts(
    client, portal
):
    dossier = submitted(client, portal)
    move(
        dossier,
        Action.REQUEST_SUPPLEMENT,
        portal.alice,
        reason="Bản sao giấy chứng sinh\nẢnh chân dung",
    )
    page = client.get(reverse("online:dossier", args=[dossier.pk])).content.decode()
    assert "Mẫu 02" in page and reverse("online:supplement", args=[dossier.pk]) in page
    form = client.get(reverse("online:supplement", args=[dossier.pk])).content.decode()
    assert "Bản sao giấy chứng sinh" in form and "Ảnh chân dung" in form
    dossier.refresh_from_db()
    # One item missing: refused with a plain message, nothing recorded.
    response = client.post(
        reverse("online:supplement", args=[dossier.pk]),
        {"version": dossier.version, "item_0": [photo()]},
    )
    assert response.status_code == 400 and "ít nhất một tệp" in response.content.decode()
    response = client.post(
        reverse("online:supplement", args=[dossier.pk]),
        {"version": dossier.version, "item_0": [photo()], "item_1": [photo("blue")]},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS
    assert dossier.received_at is not None and dossier.due_at is not None  # the term restarts
    added = list(dossier.documents.filter(name__startswith="Bổ sung"))
    assert [d.name for d in added] == ["Bổ sung: Bản sao giấy chứng sinh", "Bổ sung: Ảnh chân dung"]
    change = dossier.history.get(action=Action.SUPPLEMENT_RECEIVED)
    assert change.actor_kind == "applicant"


@pytest.mark.django_db
def test_the_citizen_withdraws_with_a_reason(client, portal):
    dossier = submitted(client, portal)
    url = reverse("online:withdraw", args=[dossier.pk])
    page = client.get(reverse("online:dossier", args=[dossier.pk])).content.decode()
    assert page.count(url) == 1 and page.index(url) > page.index("<main")
    response = client.post(url, {"version": dossier.version, "reason": ""})
    assert response.status_code == 400 and "Hãy ghi lý do" in response.content.decode()
    client.post(url, {"version": dossier.version, "reason": "Tôi nộp nhầm thủ tục"})
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWN
    assert dossier.history.get(action=Action.WITHDRAW).reason == "Tôi nộp nhầm thủ tục"


@pytest.mark.django_db
def test_a_stale_page_does_not_withdraw_a_dossier_that_moved(client, portal):
    dossier = submitted(client, portal)
    seen = dossier.version
    move(dossier, Action.ACCEPT, portal.alice)
    client.post(reverse("online:withdraw", args=[dossier.pk]), {"version": seen, "reason": "x"})
    dossier.refresh_from_db()
    assert dossier.state == State.ACCEPTED


@pytest.mark.django_db
def test_a_verified_citizen_sees_the_dossiers_the_counter_received_under_their_id(client, office):
    from accounts.models import CitizenAccount

    counter = dossier_receive(reception=reception_for(office), actor=office.alice)
    citizen = Citizen.objects.create(
        id_number="001090012345",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 5, 1),
        gender="Nam",
        phone="0912345678",
    )
    unverified = CitizenAccount.objects.create(phone="0912345678", id_number="001090012345")
    sign_in(client, unverified)
    assert counter.code not in client.get(reverse("online:my-dossiers")).content.decode()
    assert client.get(reverse("online:dossier", args=[counter.pk])).status_code == 404
    CitizenAccount.objects.filter(pk=unverified.pk).update(
        citizen=citizen, verified_by="registry", verified_at="2026-01-01T00:00Z"
    )
    assert counter.code in client.get(reverse("online:my-dossiers")).content.decode()
    assert client.get(reverse("online:dossier", args=[counter.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["dossier", "supplement", "withdraw", "letter"])
def test_other_citizens_and_the_organisations_representative_get_404(client, portal, page):
    dossier = submitted(client, portal)
    move(dossier, Action.ACCEPT, portal.alice)
    args = [dossier.pk, "01"] if page == "letter" else [dossier.pk]
    url = reverse(f"online:{page}", args=args)
    assert client.get(url).status_code in (200, 302)
    for other in (portal.binh, portal.chi):
        client.logout()
        sign_in(client, other)
        assert client.get(url).status_code == 404
        if page != "letter":  # a download answers GET only
            assert client.post(url, {"version": dossier.version, "reason": "x"}).status_code == 404
    dossier.refresh_from_db()
    assert dossier.state == State.ACCEPTED


def approved_with_result(portal, office, dossier, *, signed_file=True) -> Dossier:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.documents import render_pdf
    from dossiers.results import ResultDocumentData, result_document_record

    move(dossier, Action.ACCEPT, portal.alice)
    move(dossier, Action.ASSIGN, portal.alice, assignee=office.sophie)
    move(dossier, Action.PROPOSE, office.sophie)
    dossier = move(dossier, Action.APPROVE, office.leo)
    # A real PDF: the leader's approval signs the result (signing), which needs one it can read.
    pdf = render_pdf('<html lang="vi"><body><p>Trích lục hộ tịch số 125/TLHT</p></body></html>')
    result_document_record(
        dossier=dossier,
        stage="final",
        data=ResultDocumentData(
            number="125/TLHT",
            issued_on=date(2026, 12, 8),
            upload=SimpleUploadedFile("ket-qua.pdf", pdf) if signed_file else None,
        ),
        actor=office.leo,
        stored=[],
    )
    return dossier


@pytest.mark.django_db
def test_the_applicant_downloads_the_electronic_result_and_it_counts_as_returned_online(
    client, portal, office
):
    sign_in(client, portal.an)
    draft_url = start(client, portal.full)
    pdf = io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    pdf.name = "to-khai.pdf"
    client.post(
        draft_url,
        {
            **answers(portal, return_method="online"),
            slot_of(portal.full): [pdf],
            "action": "submit",
        },
    )
    dossier = approved_with_result(portal, office, Dossier.objects.get())
    url = reverse("online:result", args=[dossier.pk])
    assert url in client.get(reverse("online:dossier", args=[dossier.pk])).content.decode()
    # Nobody else gets it.
    for other in (portal.binh, portal.chi):
        sign_in(client, other)
        assert client.get(url).status_code == 404
    sign_in(client, portal.an)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED and dossier.returned_at is not None
    assert dossier.history.get(action=Action.RETURN_RESULT).actor_kind == "applicant"
    # Downloading again later still works and changes nothing.
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_paper_result_is_not_offered_for_download(client, portal, office):
    dossier = submitted(client, portal)  # returned at the counter
    dossier = approved_with_result(portal, office, dossier)
    assert client.get(reverse("online:result", args=[dossier.pk])).status_code == 404
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY
