"""Reception at the counter through the test client: choosing the procedure, the applicant's
checks, the e-form, the checklist and its scans, accepting or refusing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import RequiredDocument
from dossiers.models import Dossier, StatusChange
from dossiers.tests.test_workspace import RECEPTION, page_url
from dossiers.workflow import State

pytestmark = pytest.mark.django_db


def reception_data(client, office, **changes) -> dict:
    form = client.get(RECEPTION, {"thu_tuc": office.version.pk}).context["form"]
    document = office.version.documents.get(name="Tờ khai theo mẫu")
    data = {
        "thu_tuc": office.version.pk,
        "submission_key": str(form["submission_key"].initial),
        "receiving_agency": office.centre_a.pk,
        "competent_agency": office.committee_a.pk,
        "kind": "individual",
        "full_name": "Trần Thị Bình",
        "id_number": "001 190 054 321",
        "birth_date": "05/09/1990",
        "phone": "0912 345 678",
        "email": "binh@example.vn",
        "return_method": "counter",
        f"doc_{document.pk}": "on",
        "decision": "accept",
    }
    data.update(changes)
    return data


def test_alice_receives_a_dossier_at_the_counter_from_procedure_to_receipt(client, office):
    client.force_login(office.alice)
    listing = client.get(RECEPTION, {"q": "khai sinh"})
    assert office.version in listing.context["versions"]
    response = client.post(RECEPTION, reception_data(client, office))
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response.url == page_url(dossier)
    assert dossier.state == State.ACCEPTED
    assert dossier.channel == "1"
    assert dossier.receiving_agency == office.centre_a
    applicant = dossier.applicants.get()
    assert (applicant.full_name, applicant.id_number, applicant.phone) == (
        "Trần Thị Bình",
        "001190054321",
        "0912345678",
    )
    assert applicant.search_name == "tran thi binh"
    assert dossier.documents.get().received
    page = client.get(response.url)
    body = page.content.decode()
    assert dossier.code in body
    assert f"/can-bo/ho-so/{dossier.pk}/mau/01/" in body  # the receipt, Mẫu 01
    assert page.context["just_received"]
    assert not client.get(response.url).context["just_received"]  # the banner shows once


def test_posting_the_same_reception_twice_gives_one_dossier(client, office):
    client.force_login(office.alice)
    data = reception_data(client, office)
    first = client.post(RECEPTION, data)
    second = client.post(RECEPTION, data)
    assert Dossier.objects.count() == 1
    assert first.url == second.url


def test_the_e_form_is_filled_and_stored_with_the_dossier(client, office):
    from catalog.models import EFormField

    version = office.version
    EFormField.objects.create(
        version=version,
        key="ho_ten",
        label="Họ tên",
        required=True,
        prefill_from="applicant.full_name",
    )
    EFormField.objects.create(version=version, key="ngay", label="Ngày", field_type="date")
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, **{"ef-ngay": "01/02/2026"}))
    assert response.status_code == 302
    # The name was not typed twice: it came from the applicant.
    assert Dossier.objects.get().form_data == {"ho_ten": "Trần Thị Bình", "ngay": "2026-02-01"}


def test_a_scan_attached_at_the_counter_is_stored_with_its_checklist_line(
    client, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office.alice)
    document = office.version.documents.get(name="Tờ khai theo mẫu")
    scan = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n", "application/pdf")
    data = reception_data(client, office, **{f"file_{document.pk}": scan})
    del data[f"doc_{document.pk}"]  # attaching the scan ticks the line
    assert client.post(RECEPTION, data).status_code == 302
    line = Dossier.objects.get().documents.get()
    assert line.received
    assert [f.original_name for f in line.files.all()] == ["to-khai.pdf"]


def test_a_refused_scan_leaves_no_dossier_and_no_file(client, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office.alice)
    document = office.version.documents.get(name="Tờ khai theo mẫu")
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        RECEPTION, reception_data(client, office, **{f"file_{document.pk}": fake})
    )
    assert response.status_code == 200
    assert f"file_{document.pk}" in response.context["form"].errors
    assert not Dossier.objects.exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_accepting_needs_every_mandatory_document(client, office):
    client.force_login(office.alice)
    data = reception_data(client, office)
    del data[f"doc_{office.version.documents.get(name='Tờ khai theo mẫu').pk}"]
    response = client.post(RECEPTION, data)
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "incomplete")
    assert not Dossier.objects.exists()


def test_refusing_an_incomplete_dossier_records_nothing_and_lists_what_is_missing(client, office):
    extra = RequiredDocument.objects.create(version=office.version, name="Giấy chứng sinh", order=2)
    client.force_login(office.alice)
    data = reception_data(client, office, decision="refuse", full_name="")
    response = client.post(RECEPTION, data)
    assert response.status_code == 200
    assert response.context["missing"] == [extra]
    assert "Giấy chứng sinh" in response.content.decode()
    assert not response.context["form"].errors  # nobody is scolded for an unfinished form
    assert not Dossier.objects.exists()
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("decision", ["", "ACCEPT", "accept ", "delete", "nhận", "x" * 5000])
def test_an_unknown_decision_receives_nothing_and_keeps_what_was_typed(client, office, decision):
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, decision=decision))
    assert response.status_code == 400
    assert not Dossier.objects.exists()
    assert "nothing was received" not in response.content.decode()
    assert "nên chưa tiếp nhận gì" in response.content.decode()
    assert response.context["form"]["full_name"].value() == "Trần Thị Bình"


def test_a_decision_sent_twice_is_refused_too(client, office):
    """A list where one value is expected: Django reads the last one, which must be a known
    decision as well."""
    client.force_login(office.alice)
    data = reception_data(client, office)
    data["decision"] = ["refuse", "delete"]
    assert client.post(RECEPTION, data).status_code == 400
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("id_number", "00109001234"),
        ("id_number", ""),
        ("phone", "12345"),
        ("phone", "0912abc678"),
        ("email", "not-an-address"),
        ("birth_date", "31/02/1990"),
        ("full_name", ""),
    ],
)
def test_reception_checks_the_applicant_fields(client, office, field, value):
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("typed", ["+84 912345678", "84912345678", "0912.345.678"])
def test_the_applicant_phone_is_stored_in_one_format_and_shown_grouped(client, office, typed):
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, phone=typed))
    assert Dossier.objects.get().applicants.get().phone == "0912345678"
    assert "0912 345 678" in client.get(response.url).content.decode()


def test_a_garbled_applicant_phone_is_refused_in_vietnamese(client, office):
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, phone="09123 gọi tôi"))
    assert "không phải là số điện thoại" in response.content.decode()
    assert not Dossier.objects.exists()


def test_only_receiving_officers_open_the_reception(client, office):
    client.force_login(office.sophie)
    assert client.get(RECEPTION).status_code == 403


def test_a_procedure_the_counter_does_not_receive_is_not_found(client, office):
    client.force_login(office.bob)
    assert office.version not in client.get(RECEPTION).context["versions"]
    assert client.get(RECEPTION, {"thu_tuc": office.version.pk}).status_code == 404


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("to-khai.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "JPEG"),
        ("to-khai.docx", b"MZ\x90\x00\x03" + bytes(200), "Word (DOCX)"),
    ],
)
def test_a_renamed_page_or_program_is_refused_by_name_and_nothing_is_kept(
    client, office, settings, tmp_path, name, content, expected
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office.alice)
    document = office.version.documents.get(name="Tờ khai theo mẫu")
    fake = SimpleUploadedFile(name, content, "image/jpeg")
    response = client.post(
        RECEPTION, reception_data(client, office, **{f"file_{document.pk}": fake})
    )
    assert response.status_code == 200
    assert f"Tệp “{name}” không phải là tệp {expected} thật" in response.content.decode()
    assert not Dossier.objects.exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
