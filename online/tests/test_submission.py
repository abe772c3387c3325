"""Submitting online: from the procedure's page to a dossier "submitted online", with drafts
that keep what was typed, photos made into one PDF per document, and one dossier per draft
however often it is submitted (R2)."""

import io
import re

import pytest
from django.urls import reverse

from dossiers.models import Dossier, DossierFile
from dossiers.workflow import State
from online.models import Draft, DraftFile
from online.tests.conftest import photo, sign_in


def start(client, version):
    response = client.get(reverse("online:start", args=[version.procedure_id]))
    assert response.status_code == 302
    return response["Location"]


def answers(portal, **changes):
    values = {
        "acting_for": "self",
        "full_name": "Nguyễn Văn An",
        "id_number": "001090012345",
        "birth_date": "01/05/1990",
        "address": "Số 1 phố Hàng Bạc",
        "phone": "0912345678",
        "email": "",
        "organisation_name": "",
        "tax_code": "",
        "receiving_agency": str(portal.centre_a.pk),
        "return_method": "counter",
        "return_address": "",
    }
    values.update(changes)
    return values


def slot_of(version):
    return f"file_{version.documents.get().pk}"


@pytest.mark.django_db
def test_the_procedure_page_offers_online_submission_only_where_the_procedure_allows_it(
    client, portal
):
    page = client.get(reverse("portal:procedure", args=[portal.partial.procedure_id]))
    assert reverse("online:start", args=[portal.partial.procedure_id]) in page.content.decode()
    page = client.get(reverse("portal:procedure", args=[portal.offline.procedure_id]))
    assert "cong-dan/nop" not in page.content.decode()
    sign_in(client, portal.an)
    url = reverse("online:start", args=[portal.offline.procedure_id])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_starting_without_signing_in_goes_to_sign_in_and_comes_back(client, portal):
    url = reverse("online:start", args=[portal.partial.procedure_id])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_a_citizen_submits_a_mot_phan_procedure_with_phone_photos(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    response = client.post(
        draft_url,
        {
            **answers(portal),
            slot_of(portal.partial): [photo("red", "a.jpg"), photo("blue", "b.jpg")],
            "action": "submit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("online:dossier", args=[dossier.pk])
    assert dossier.state == State.SUBMITTED and dossier.channel == "2"
    assert dossier.acceptance_due_at is not None and dossier.received_at is None
    assert dossier.applicants.get().full_name == "Nguyễn Văn An"
    # The two photos are one PDF of two pages for the document.
    stored = DossierFile.objects.get()
    assert stored.content_type == "application/pdf"
    with stored.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", content)) == 2
    # The receipt at once: the citizen's page of the dossier with its code.
    page = client.get(response["Location"]).content.decode()
    assert dossier.code in page and "8 giờ làm việc" in page


@pytest.mark.django_db
def test_a_toan_trinh_procedure_can_return_its_result_online(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.full)
    pdf = io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    pdf.name = "to-khai.pdf"
    response = client.post(
        draft_url,
        {
            **answers(portal, return_method="online"),
            slot_of(portal.full): [pdf],
            "action": "submit",
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.return_method == "online" and dossier.state == State.SUBMITTED


@pytest.mark.django_db
def test_submitting_the_same_draft_again_makes_no_second_dossier(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    for _tap in range(3):
        response = client.post(
            draft_url,
            {**answers(portal), slot_of(portal.partial): [photo()], "action": "submit"},
        )
        assert response.status_code == 302
    assert Dossier.objects.count() == 1
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("online:dossier", args=[dossier.pk])


@pytest.mark.django_db
def test_a_draft_keeps_what_was_typed_and_the_files_between_visits(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    client.post(
        draft_url,
        {
            **answers(portal, full_name="Nguyễn Văn Ân", id_number="12"),
            slot_of(portal.partial): [photo()],
            "action": "save",
        },
    )
    # Back later (a dropped connection): the same draft, with what was typed.
    assert start(client, portal.partial) == draft_url
    page = client.get(draft_url).content.decode()
    assert 'value="Nguyễn Văn Ân"' in page and "anh.jpg" in page
    assert "aria-invalid" not in page  # no errors before the citizen submits
    assert DraftFile.objects.count() == 1


@pytest.mark.django_db
def test_bad_input_is_explained_in_vietnamese_and_nothing_is_submitted_or_lost(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    response = client.post(
        draft_url,
        {**answers(portal, id_number="12345", birth_date="31/02/1990"), "action": "submit"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert not Dossier.objects.exists()
    assert "12 chữ số" in page and "ít nhất một tệp" in page
    assert 'value="Số 1 phố Hàng Bạc"' in page or "Số 1 phố Hàng Bạc" in page


@pytest.mark.django_db
def test_a_refused_upload_is_named_and_the_rest_kept(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    fake = io.BytesIO(b"MZ\x90\x00 this is a program")
    fake.name = "giay-to.pdf"
    response = client.post(
        draft_url,
        {**answers(portal), slot_of(portal.partial): [fake, photo()], "action": "save"},
    )
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert [item.original_name for item in DraftFile.objects.all()] == ["anh.jpg"]


@pytest.mark.django_db
def test_a_business_representative_submits_for_the_organisation(client, portal):
    sign_in(client, portal.chi)
    draft_url = start(client, portal.partial)
    response = client.post(
        draft_url,
        {
            **answers(
                portal,
                acting_for="organisation",
                full_name="Lê Chi",
                id_number="",
                phone="",
                email="chi@congty.vn",
                organisation_name="Công ty TNHH Hoa Sen",
                tax_code="0101234567",
            ),
            slot_of(portal.partial): [photo()],
            "action": "submit",
        },
    )
    assert response.status_code == 302
    applicant = Dossier.objects.get().applicants.get()
    assert applicant.kind == "organisation" and applicant.tax_code == "0101234567"
    assert Draft.objects.get().acting_for == "organisation"


@pytest.mark.django_db
def test_another_citizens_draft_and_dossier_are_404(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    client.post(
        draft_url, {**answers(portal), slot_of(portal.partial): [photo()], "action": "submit"}
    )
    dossier = Dossier.objects.get()
    for other in (portal.binh, portal.chi):
        client.logout()
        sign_in(client, other)
        assert client.get(draft_url).status_code == 404
        assert client.get(reverse("online:dossier", args=[dossier.pk])).status_code == 404
        assert dossier.code not in client.get(reverse("online:my-dossiers")).content.decode()
