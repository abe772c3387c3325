"""The counter's reception screen: one scan of the ID card fills the applicant, data the office
holds is reused only with the citizen's consent and only for that citizen, the card and the
registry never overwrite each other silently, and "Công dân không viết" records who helped."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import EFormField
from catalog.tests.builders import published
from citizens.cccd import CardError, parse_card
from citizens.models import Citizen, Consent, ConsentPurpose
from counter.models import DutyShift, HalfDay, HelperOrganisation
from counter.tests.factories import volunteer_of
from counter.tests.test_reception_page import reception_data
from dossiers.models import Dossier, SupportCategory
from dossiers.services import ApplicantData, dossier_receive
from dossiers.tests.conftest import reception_for
from org.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db

RECEPTION = "/can-bo/ho-so/tiep-nhan/"
SCAN = "/can-bo/ho-so/tiep-nhan/quet-the/"
AN = "001090012345"  # made-up numbers in the card's format
BINH = "079185001234"
AN_CARD = f"{AN}|012345678|Nguyễn Văn An|15031990|Nam|Thôn Đông, Xã An Khánh, Hà Nội|20042021"
BINH_CARD = f"{BINH}||Lê Thị Bình|02021985|Nữ|12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội|01072022"
ANSWER = {"ef-document_name": "Bằng tốt nghiệp"}
EMPTY_APPLICANT = {"full_name": "", "id_number": "", "birth_date": "", "phone": "", "email": ""}


@pytest.fixture
def counter(office):
    """Commune A's counter with an e-form asking the requester's name (copied from the
    applicant) and the document to certify, which an earlier dossier may have answered."""
    EFormField.objects.create(
        version=office.version,
        key="requester_name",
        label="Họ tên người yêu cầu",
        required=True,
        prefill_from="applicant.full_name",
    )
    EFormField.objects.create(
        version=office.version, key="document_name", label="Tên giấy tờ", required=True, order=2
    )
    return office


def form_data(client, office, **changes) -> dict:
    data = reception_data(client, office, **EMPTY_APPLICANT)
    data.update(changes)
    return data


def scan(client, office, card: str, **changes):
    return client.post(SCAN, form_data(client, office, card=card, decision="scan", **changes))


def earlier_dossier(office, *, id_number=AN, phone="0912345678", citizen=None, answer="Bằng"):
    """A dossier received before, for the person with `id_number`."""
    return dossier_receive(
        reception=reception_for(
            office,
            applicant=ApplicantData(
                full_name="Nguyễn Văn An", id_number=id_number, phone=phone, citizen=citizen
            ),
            form_data={"requester_name": "Nguyễn Văn An", "document_name": answer},
        ),
        actor=office.alice,
    )


def field_value(response, name) -> str:
    return response.context["form"][name].value() or ""


# --- One scan --------------------------------------------------------------------------------


def test_a_scanned_card_fills_the_applicant_block_and_registers_the_citizen(client, counter):
    client.force_login(counter.alice)
    response = scan(client, counter, AN_CARD + "\r\n")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "counter/reception/_applicant.html"
    assert "no-store" in response["Cache-Control"]  # personal data (R11)
    values = {name: field_value(response, name) for name in ("id_number", "full_name", "gender")}
    assert values == {"id_number": AN, "full_name": "Nguyễn Văn An", "gender": "Nam"}
    assert field_value(response, "birth_date") == "15/03/1990"
    assert field_value(response, "address") == "Thôn Đông, Xã An Khánh, Hà Nội"
    assert response.context["eform"]["requester_name"].value() == "Nguyễn Văn An"
    assert field_value(response, "card") == ""  # ready for the next scan
    citizen = Citizen.objects.get()
    assert (citizen.id_number, citizen.full_name) == (AN, "Nguyễn Văn An")
    assert not Dossier.objects.exists()
    # The focus moves to the first empty required field: the document to certify.
    assert response.context["eform"].fields["document_name"].widget.attrs.get("autofocus")


def test_enter_in_the_scan_field_without_javascript_reads_the_card_instead_of_receiving(
    client, counter
):
    client.force_login(counter.alice)
    data = form_data(client, counter, card=AN_CARD, decision="accept", phone="0987654321")
    data["ef-document_name"] = "Bằng tốt nghiệp"
    response = client.post(RECEPTION, data)
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    assert not response.context["form"].errors
    assert field_value(response, "full_name") == "Nguyễn Văn An"
    # Everything already typed is kept.
    assert field_value(response, "phone") == "0987654321"
    assert response.context["eform"]["document_name"].value() == "Bằng tốt nghiệp"
    assert response.context["form"][f"doc_{counter.version.documents.get().pk}"].value()


def test_after_a_scan_the_officer_receives_the_dossier_linked_to_the_citizen(client, counter):
    client.force_login(counter.alice)
    filled = client.post(RECEPTION, form_data(client, counter, card=AN_CARD, decision="scan"))
    data = {k: v for k, v in filled.context["form"].data.items()}
    data.update({"decision": "accept", "ef-document_name": "Bằng tốt nghiệp"})
    response = client.post(RECEPTION, data)
    assert response.status_code == 302
    applicant = Dossier.objects.get().applicants.get()
    assert applicant.citizen == Citizen.objects.get(id_number=AN)
    assert (applicant.full_name, applicant.birth_date) == ("Nguyễn Văn An", date(1990, 3, 15))


def test_a_returning_citizen_is_reused_not_duplicated(client, counter):
    client.force_login(counter.alice)
    scan(client, counter, AN_CARD)
    scan(client, counter, AN_CARD)
    assert Citizen.objects.count() == 1
    first = earlier_dossier(counter, citizen=Citizen.objects.get())
    scan(client, counter, AN_CARD)
    assert Citizen.objects.count() == 1
    assert first.applicants.get().citizen == Citizen.objects.get()


def _message(text: str) -> str:
    with translation.override("vi"):
        try:
            parse_card(text, today=timezone.localdate())
        except CardError as error:
            return str(error)
    raise AssertionError("the card was valid")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "not a card",
        f"{AN}|012345678|Nguyễn Văn An|15031990|Nam|Hà Nội",  # 6 fields
        "0010900123456||Nguyễn Văn An|15031990|Nam|Hà Nội|20042021",  # 13 digits
        f"{AN}||Nguyễn Văn An|31021990|Nam|Hà Nội|20042021",  # 31 February
        f"{AN}||Nguyễn Văn An|15031990|Nam|Hà Nội|20042099",  # issued in the future
        f"{AN}||<script>alert(1)</script>|15031990|Nam|Hà Nội|20042021",
        f"{AN}||Nguyễn\x00Văn An|15031990|Nam|Hà Nội|20042021",
        f"{AN}||Nguyễn Văn An|15031990|Nam|Hà Nội\u202e|20042021",
        f"{AN}||x' OR '1'='1|15031990|Nam|Hà Nội|20042021",
        f"{AN}||Nguyễn Văn An|15031990|Nam|{'A' * 3000}|20042021",
    ],
)
def test_a_malformed_or_hostile_scan_explains_itself_and_changes_nothing(client, counter, text):
    client.force_login(counter.alice)
    response = scan(client, counter, text, full_name="Trần Thị Cúc", phone="0912000111")
    assert response.status_code == 200
    body = response.content.decode()
    if len(text) <= 2000:  # longer texts stop at the field's length, before the parser
        assert escape(_message(text)) in body
    else:
        assert 'role="alert"' in body
    assert "<script>alert" not in body
    assert not Citizen.objects.exists()
    assert field_value(response, "full_name") == "Trần Thị Cúc"
    assert field_value(response, "phone") == "0912000111"
    assert response.context["form"].fields["card"].widget.attrs.get("autofocus")


MALFORMED_CARDS = [
    "not a card",
    f"{AN}|012345678|Nguyễn Văn An|15031990|Nam|Hà Nội",  # 6 fields
    f"{AN}||Nguyễn Văn An|31021990|Nam|Hà Nội|20042021",  # 31 February
    f"{AN}||Nguyễn\x00Văn An|15031990|Nam|Hà Nội|20042021",
]


def scanned(client, office, path: str, card: str):
    """The page after a scan: with JavaScript the script posts the scan to its endpoint; without
    it, the scanner's Enter submits the whole form with its default (nameless) button."""
    data = form_data(client, office, card=card, decision="scan")
    if path == RECEPTION:
        del data["decision"]
    return client.post(path, data)


@pytest.mark.parametrize("path", [SCAN, RECEPTION], ids=["with JavaScript", "without JavaScript"])
@pytest.mark.parametrize("text", MALFORMED_CARDS)
def test_a_malformed_card_is_explained_with_or_without_javascript(client, counter, path, text):
    client.force_login(counter.alice)
    response = scanned(client, counter, path, text)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'role="alert">{escape(_message(text))}</p>' in body
    assert 'aria-invalid="true"' in body
    assert "Đã đọc thẻ" not in body
    assert not Citizen.objects.exists() and not Dossier.objects.exists()


@pytest.mark.parametrize("path", [SCAN, RECEPTION], ids=["with JavaScript", "without JavaScript"])
def test_a_good_card_is_confirmed_with_or_without_javascript(client, counter, path):
    earlier_dossier(counter, phone="0912345678")
    client.force_login(counter.alice)
    body = scanned(client, counter, path, AN_CARD).content.decode()
    assert 'role="status">Đã đọc thẻ: Nguyễn Văn An.</p>' in body
    # What the office holds is offered, with the consent box, on both paths.
    assert "Dữ liệu đã có" in body and 'name="reuse_consent"' in body
    assert "scan-error" not in body


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_no_scanned_text_breaks_the_reception(client, counter, text):
    client.force_login(counter.alice)
    response = scan(client, counter, text)
    assert response.status_code == 200
    assert not Dossier.objects.exists()


def test_an_address_on_the_card_is_shown_as_text_never_as_markup(client, counter):
    client.force_login(counter.alice)
    card = f"{AN}||Nguyễn Văn An|15031990|Nam|<img src=x onerror=alert(1)>, Hà Nội|20042021"
    body = scan(client, counter, card).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


# --- Data held, reused with consent ----------------------------------------------------------


def test_data_held_is_shown_with_its_source_but_filled_only_after_consent(client, counter):
    citizen = Citizen.objects.create(
        id_number=AN, full_name="Nguyễn Văn An", birth_date=date(1990, 3, 15), gender="Nam",
        address="Thôn Đông, Xã An Khánh, Hà Nội", email="an@example.vn",
    )  # fmt: skip
    earlier = earlier_dossier(counter, citizen=citizen, answer="Bằng tốt nghiệp THPT")
    client.force_login(counter.alice)
    shown = scan(client, counter, AN_CARD)
    body = shown.content.decode()
    assert "Dữ liệu đã có" in body
    day = timezone.localdate(earlier.received_at).strftime("%d/%m/%Y")
    assert f"Từ hồ sơ {earlier.code} ngày {day}" in body  # the source, as a heading
    assert "Bằng tốt nghiệp THPT" in body and "0912345678" in body
    # Shown, not filled: nothing is reused before the citizen agrees.
    assert field_value(shown, "phone") == ""
    assert shown.context["eform"]["document_name"].value() in ("", None)
    assert not Consent.objects.exists()
    # The next action is asking the citizen: the focus is on the consent box.
    assert shown.context["form"].fields["reuse_consent"].widget.attrs.get("autofocus")

    data = dict(shown.context["form"].data.items())
    unticked = client.post(SCAN, {**data, "decision": "reuse"})
    assert field_value(unticked, "phone") == ""
    assert not Consent.objects.exists()

    before = timezone.now()
    filled = client.post(SCAN, {**data, "decision": "reuse", "reuse_consent": "on"})
    assert field_value(filled, "phone") == "0912345678"  # from the earlier dossier
    assert field_value(filled, "email") == "an@example.vn"  # from the registry
    assert filled.context["eform"]["document_name"].value() == "Bằng tốt nghiệp THPT"
    consent = Consent.objects.get()
    assert consent.citizen == citizen
    assert consent.purpose == ConsentPurpose.REUSE
    assert consent.granted_by == counter.alice
    assert consent.agency_code == counter.centre_a.code
    assert before <= consent.granted_at <= timezone.now()
    assert consent.withdrawn_at is None


def test_a_consent_given_at_an_earlier_visit_fills_at_once_and_says_when(client, counter):
    earlier_dossier(counter, phone="0912345678", answer="Bằng tốt nghiệp THPT")
    client.force_login(counter.alice)
    first = scan(client, counter, AN_CARD)
    client.post(
        SCAN, {**first.context["form"].data.dict(), "decision": "reuse", "reuse_consent": "on"}
    )
    consent = Consent.objects.get()

    again = scan(client, counter, AN_CARD)  # next visit: a fresh form, the same card
    assert field_value(again, "phone") == "0912345678"
    assert again.context["eform"]["document_name"].value() == "Bằng tốt nghiệp THPT"
    assert again.context["form"]["reuse_consent"].value()
    body = again.content.decode()
    day = timezone.localdate(consent.granted_at).strftime("%d/%m/%Y")
    assert f"Công dân đã đồng ý ngày {day}" in body
    assert Consent.objects.count() == 1  # the same consent, not a new one each visit


def test_unticking_a_consent_in_force_withdraws_it_and_empties_what_it_filled(client, counter):
    earlier_dossier(counter, phone="0912345678", answer="Bằng tốt nghiệp THPT")
    client.force_login(counter.alice)
    first = scan(client, counter, AN_CARD)
    client.post(
        SCAN, {**first.context["form"].data.dict(), "decision": "reuse", "reuse_consent": "on"}
    )
    again = scan(client, counter, AN_CARD)
    data = again.context["form"].data.dict()
    data.pop("reuse_consent")
    # A form that never showed the consent as given withdraws nothing.
    assert field_value(client.post(SCAN, {**data, "decision": "reuse"}), "phone") == "0912345678"
    assert Consent.objects.get().withdrawn_at is None
    assert 'name="consent_in_force"' in again.content.decode()
    withdrawn = client.post(SCAN, {**data, "consent_in_force": "1", "decision": "reuse"})
    assert field_value(withdrawn, "phone") == ""
    assert withdrawn.context["eform"]["document_name"].value() in ("", None)
    assert "Đã ghi nhận việc rút lại sự đồng ý" in withdrawn.content.decode()
    consent = Consent.objects.get()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == counter.alice
    # Withdrawn, it no longer fills anything at the next scan.
    assert field_value(scan(client, counter, AN_CARD), "phone") == ""


def test_withdrawing_consent_keeps_what_the_officer_changed_since(client, counter):
    earlier_dossier(counter, phone="0912345678", answer="Bằng tốt nghiệp THPT")
    client.force_login(counter.alice)
    first = scan(client, counter, AN_CARD)
    client.post(
        SCAN, {**first.context["form"].data.dict(), "decision": "reuse", "reuse_consent": "on"}
    )
    again = scan(client, counter, AN_CARD)
    data = {**again.context["form"].data.dict(), "consent_in_force": "1"}
    data.pop("reuse_consent")
    data["ef-document_name"] = "Học bạ"  # today's document, typed over the reused answer
    withdrawn = client.post(SCAN, {**data, "decision": "reuse"})
    assert withdrawn.context["eform"]["document_name"].value() == "Học bạ"
    assert field_value(withdrawn, "phone") == ""  # still the held value: emptied


def test_a_consent_ticked_during_this_visit_can_be_unticked_at_once(client, counter):
    earlier_dossier(counter, phone="0912345678")
    client.force_login(counter.alice)
    shown = scan(client, counter, AN_CARD)
    ticked = client.post(
        SCAN, {**shown.context["form"].data.dict(), "decision": "reuse", "reuse_consent": "on"}
    )
    assert 'name="consent_in_force"' in ticked.content.decode()
    data = {**ticked.context["form"].data.dict(), "consent_in_force": "1"}
    data.pop("reuse_consent")
    unticked = client.post(SCAN, {**data, "decision": "reuse"})
    assert field_value(unticked, "phone") == ""
    assert Consent.objects.get().withdrawn_at is not None


def test_receiving_with_the_consent_unticked_records_the_withdrawal_and_receives_nothing(
    client, counter
):
    earlier_dossier(counter, phone="0912345678", answer="Bằng tốt nghiệp THPT")
    client.force_login(counter.alice)
    first = scan(client, counter, AN_CARD)
    client.post(
        SCAN, {**first.context["form"].data.dict(), "decision": "reuse", "reuse_consent": "on"}
    )
    dossiers = Dossier.objects.count()
    again = scan(client, counter, AN_CARD)
    data = {**again.context["form"].data.dict(), "consent_in_force": "1", "decision": "accept"}
    data.pop("reuse_consent")
    page = client.post(RECEPTION, data)
    assert page.status_code == 200
    assert Dossier.objects.count() == dossiers
    assert field_value(page, "phone") == ""
    assert Consent.objects.get().withdrawn_at is not None


def test_a_consent_given_to_another_commune_does_not_fill_here(client, counter):
    from citizens.services import consent_grant

    earlier_dossier(counter, phone="0912345678")
    client.force_login(counter.alice)
    shown = scan(client, counter, AN_CARD)
    citizen = Citizen.objects.get(id_number=AN)
    consent_grant(
        citizen=citizen, purpose=ConsentPurpose.REUSE, actor=counter.bob,
        agency_code=counter.centre_b.code,
    )  # fmt: skip
    again = scan(client, counter, AN_CARD)
    assert field_value(shown, "phone") == field_value(again, "phone") == ""


def test_reuse_fills_only_empty_fields(client, counter):
    earlier_dossier(counter)
    client.force_login(counter.alice)
    shown = scan(client, counter, AN_CARD)
    data = {**shown.context["form"].data.dict(), "phone": "0977000111"}
    filled = client.post(SCAN, {**data, "decision": "reuse", "reuse_consent": "on"})
    assert field_value(filled, "phone") == "0977000111"
    assert filled.context["eform"]["document_name"].value() == "Bằng"


def test_prefill_never_shows_another_citizens_data(client, counter):
    earlier_dossier(counter, id_number=AN, phone="0911111111", answer="Giấy tờ của An")
    client.force_login(counter.alice)
    binh = scan(client, counter, BINH_CARD)
    body = binh.content.decode()
    assert "0911111111" not in body and "Giấy tờ của An" not in body
    assert "Dữ liệu đã có" not in body
    # Consent for Bình fills nothing of An's, whatever else the form claims.
    data = {**binh.context["form"].data.dict(), "reused": "phone,ef-document_name"}
    filled = client.post(SCAN, {**data, "decision": "reuse", "reuse_consent": "on"})
    assert "0911111111" not in filled.content.decode()
    assert field_value(filled, "phone") == ""


def test_scanning_another_persons_card_drops_the_data_reused_for_the_previous_one(client, counter):
    earlier_dossier(counter, id_number=AN, phone="0911111111", answer="Giấy tờ của An")
    client.force_login(counter.alice)
    an = scan(client, counter, AN_CARD)
    data = an.context["form"].data.dict()
    an = client.post(SCAN, {**data, "decision": "reuse", "reuse_consent": "on"})
    assert field_value(an, "phone") == "0911111111"
    data = {**an.context["form"].data.dict(), "card": BINH_CARD, "decision": "scan"}
    binh = client.post(SCAN, data)
    body = binh.content.decode()
    assert field_value(binh, "full_name") == "Lê Thị Bình"
    assert "0911111111" not in body and "Giấy tờ của An" not in body
    assert binh.context["eform"]["requester_name"].value() == "Lê Thị Bình"
    assert not binh.context["form"]["reuse_consent"].value()


def test_another_communes_officer_does_not_see_what_commune_a_holds(client, counter):
    earlier_dossier(counter, phone="0911111111", answer="Giấy tờ ở xã An")
    version_b = published(
        code="1.000002", name="Chứng thực bản sao", agencies=[counter.committee_b]
    )
    client.force_login(counter.bob)
    form = client.get(RECEPTION, {"thu_tuc": version_b.pk}).context["form"]
    response = client.post(
        SCAN,
        {
            "thu_tuc": version_b.pk,
            "submission_key": str(form["submission_key"].initial),
            "card": AN_CARD,
            "decision": "scan",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "0911111111" not in body and "Giấy tờ ở xã An" not in body


# --- The card and the registry disagree --------------------------------------------------------


@pytest.fixture
def stored_an(counter):
    return Citizen.objects.create(
        id_number=AN, full_name="Nguyễn Văn An", birth_date=date(1990, 3, 15), gender="Nam",
        address="Số 5 Ngõ Cũ, Hà Nội",
    )  # fmt: skip


def test_a_changed_address_is_shown_next_to_the_stored_one_and_not_overwritten(
    client, counter, stored_an
):
    client.force_login(counter.alice)
    response = scan(client, counter, AN_CARD)
    body = response.content.decode()
    assert "Số 5 Ngõ Cũ, Hà Nội" in body and "Thôn Đông, Xã An Khánh, Hà Nội" in body
    assert [d.name for d in response.context["form"].disagreements] == ["address"]
    stored_an.refresh_from_db()
    assert stored_an.address == "Số 5 Ngõ Cũ, Hà Nội"

    data = {**response.context["form"].data.dict(), "decision": "accept"}
    data["ef-document_name"] = "Bằng"
    refused = client.post(RECEPTION, data)
    assert refused.status_code == 200
    assert "pick_address" in refused.context["form"].errors
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    "pick, dossier_address, registry_address",
    [
        ("stored", "Số 5 Ngõ Cũ, Hà Nội", "Số 5 Ngõ Cũ, Hà Nội"),
        ("card", "Thôn Đông, Xã An Khánh, Hà Nội", "Thôn Đông, Xã An Khánh, Hà Nội"),
    ],
)
def test_the_officer_picks_which_address_is_right(
    client, counter, stored_an, pick, dossier_address, registry_address
):
    client.force_login(counter.alice)
    response = scan(client, counter, AN_CARD)
    data = {**response.context["form"].data.dict(), "decision": "accept", "pick_address": pick}
    data["ef-document_name"] = "Bằng"
    assert client.post(RECEPTION, data).status_code == 302
    assert Dossier.objects.get().applicants.get().address == dossier_address
    stored_an.refresh_from_db()
    assert stored_an.address == registry_address


def test_an_address_from_before_the_merger_suggests_the_current_commune(client, counter):
    current = AdministrativeUnit.objects.create(
        code="99001", name="Phường Hoàn Kiếm", level=UnitLevel.COMMUNE, division_type="phường"
    )
    old = AdministrativeUnit.objects.create(
        code="99002", name="Phường Hàng Trống (cũ)", level=UnitLevel.COMMUNE,
        division_type="phường", effective_from=date(2008, 8, 1), effective_to=date(2025, 7, 1),
    )  # fmt: skip
    current.predecessors.add(old)
    client.force_login(counter.alice)
    card = f"{AN}||Nguyễn Văn An|15031990|Nam|5 Lý Quốc Sư, Phường Hàng Trống, Hà Nội|20042021"
    response = scan(client, counter, card)
    body = response.content.decode()
    assert "Phường Hàng Trống (cũ)" in body and "Phường Hoàn Kiếm" in body
    assert field_value(response, "address") == "5 Lý Quốc Sư, Phường Hàng Trống, Hà Nội"
    plain = scan(client, counter, AN_CARD)
    assert plain.context["applicant_block"].renaming is None


# --- "Công dân không viết" -------------------------------------------------------------------


def test_the_assisted_section_records_the_category_and_the_officer_by_default(client, counter):
    client.force_login(counter.alice)
    data = reception_data(client, counter, support_category=SupportCategory.ELDERLY, **ANSWER)
    assert client.post(RECEPTION, data).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.support_category == SupportCategory.ELDERLY
    assert dossier.assisted_by == counter.alice
    assert dossier.applicants.get().full_name == "Trần Thị Bình"  # the citizen stays applicant


def _on_duty(office, volunteer, day):
    DutyShift.objects.create(
        agency=office.centre_a, day=day, half_day=HalfDay.MORNING, counter="Quầy 1",
        helper=volunteer, organisation=HelperOrganisation.YOUTH_UNION, created_by=office.alice,
    )  # fmt: skip


def test_a_volunteer_on_duty_today_can_be_named_as_the_helper(client, counter):
    volunteer = volunteer_of(counter.centre_a, full_name="Đoàn Thanh Niên Vân")
    _on_duty(counter, volunteer, timezone.localdate())
    client.force_login(counter.alice)
    page = client.get(RECEPTION, {"thu_tuc": counter.version.pk})
    assert "Đoàn Thanh Niên Vân" in page.content.decode()
    data = reception_data(
        client,
        counter,
        support_category=SupportCategory.CANNOT_WRITE,
        assisted_by=volunteer.pk,
        **ANSWER,
    )
    assert client.post(RECEPTION, data).status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.support_category, dossier.assisted_by) == ("cannot_write", volunteer)


def test_a_volunteer_not_on_duty_today_cannot_be_named(client, counter):
    volunteer = volunteer_of(counter.centre_a)
    _on_duty(counter, volunteer, timezone.localdate() + timedelta(days=1))
    client.force_login(counter.alice)
    data = reception_data(
        client, counter, support_category=SupportCategory.ELDERLY, assisted_by=volunteer.pk
    )
    response = client.post(RECEPTION, data)
    assert response.status_code == 200
    assert "assisted_by" in response.context["form"].errors
    assert not Dossier.objects.exists()


# --- Access (R5), CSRF (R12) and the page's cost ------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client, counter):
    response = client.post(SCAN, {"thu_tuc": counter.version.pk, "card": AN_CARD})
    assert response.status_code == 302
    assert "/dang-nhap/" in response.url
    assert not Citizen.objects.exists()


def test_a_volunteer_or_an_inspector_cannot_scan(client, counter):
    volunteer = volunteer_of(counter.centre_a)
    for user in (volunteer, counter.ivy, counter.sophie):
        client.force_login(user)
        response = client.post(SCAN, {"thu_tuc": counter.version.pk, "card": AN_CARD})
        assert response.status_code == 403
    assert not Citizen.objects.exists()


def test_another_communes_officer_cannot_scan_for_commune_as_procedure(client, counter):
    client.force_login(counter.bob)
    response = client.post(SCAN, {"thu_tuc": counter.version.pk, "card": AN_CARD})
    assert response.status_code == 404
    assert not Citizen.objects.exists()


def test_the_scan_endpoint_takes_only_posts(client, counter):
    client.force_login(counter.alice)
    assert client.get(SCAN, {"thu_tuc": counter.version.pk, "card": AN_CARD}).status_code == 405


def test_a_scan_without_the_csrf_token_is_refused(counter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(counter.alice)
    response = client.post(SCAN, {"thu_tuc": counter.version.pk, "card": AN_CARD})
    assert response.status_code == 403
    assert not Citizen.objects.exists()


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_the_reception_page_costs_the_same_queries_with_1_or_5_helpers_on_duty(client, counter):
    client.force_login(counter.alice)
    params = {"thu_tuc": counter.version.pk}
    today = timezone.localdate()
    _on_duty(counter, volunteer_of(counter.centre_a), today)
    few = _queries(client, RECEPTION, params)
    for _n in range(4):
        _on_duty(counter, volunteer_of(counter.centre_a), today)
    earlier_dossier(counter)
    assert _queries(client, RECEPTION, params) == few


# --- The webcam ------------------------------------------------------------------------------

CAMERA = "/can-bo/ho-so/tiep-nhan/camera/"


def _picture_of(text: str) -> bytes:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=5, border=4)
    return buffer.getvalue()


def _frame(content: bytes, name="frame.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_the_webcam_picture_gives_the_cards_text_for_the_scan_field(client, counter):
    client.force_login(counter.alice)
    response = client.post(CAMERA, {"frame": _frame(_picture_of(AN_CARD))})
    assert response.status_code == 200
    assert response.json() == {"text": AN_CARD}
    # The picture is not kept anywhere: no citizen, no file, no dossier comes of it.
    assert not Citizen.objects.exists()


def test_a_webcam_picture_that_is_not_an_image_gets_a_message_not_a_500(client, counter):
    client.force_login(counter.alice)
    for body in ({"frame": _frame(b"<script>alert(1)</script>")}, {}):
        response = client.post(CAMERA, body)
        assert response.status_code == 400
        assert response.json()["text"] == ""
        assert "camera" in response.json()["error"].lower()


def test_only_a_receiving_officer_may_send_webcam_pictures(client, counter):
    frame = _picture_of(AN_CARD)
    assert client.post(CAMERA, {"frame": _frame(frame)}).status_code == 302  # to the login
    client.force_login(volunteer_of(counter.centre_a))
    assert client.post(CAMERA, {"frame": _frame(frame)}).status_code == 403
    client.force_login(counter.alice)
    assert client.get(CAMERA).status_code == 405


def test_the_reception_offers_the_camera_next_to_the_scan_field(client, counter):
    client.force_login(counter.alice)
    page = client.get(RECEPTION, {"thu_tuc": counter.version.pk}).content.decode()
    assert (
        "data-camera-start" in page and 'data-frame-url="/can-bo/ho-so/tiep-nhan/camera/"' in page
    )
    assert "Quét bằng camera" in page


def test_a_webcam_upload_over_the_limit_is_refused_before_it_is_decoded(client, counter):
    client.force_login(counter.alice)
    too_big = _frame(b"\xff\xd8" + b"\x00" * 2_100_000)
    response = client.post(CAMERA, {"frame": too_big})
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]
