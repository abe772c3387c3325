"""What the state already holds, offered on the portal to a verified citizen (Decree 118): only
after the citizen consents, only their own records, each value with its source, and nothing
typed is overwritten."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Verification
from catalog.models import EFormField
from citizens.models import Citizen, Consent
from dossiers.services import ApplicantData, dossier_receive
from dossiers.tests.conftest import reception_for
from online.models import Draft
from online.reuse import PORTAL
from online.tests.conftest import sign_in
from online.tests.test_submission import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(portal):
    """An, verified, in the registry with a phone; one earlier dossier at the counter whose
    declaration answered "ten_cha" (the father's name), a field the partial procedure also has."""
    portal.citizen = Citizen.objects.create(
        id_number="001090012345",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 5, 1),
        gender="Nam",
        phone="0912345678",
    )
    for version in (portal.partial, portal.full):
        EFormField.objects.create(
            version=version, key="ten_cha", label="Họ tên cha", field_type="text"
        )
    earlier = reception_for(
        portal,
        applicant=ApplicantData(
            full_name="Nguyễn Văn An",
            id_number="001090012345",
            address="Số 1 phố Hàng Bạc, Hoàn Kiếm",
            citizen=portal.citizen,
        ),
    )
    earlier.version = portal.full
    earlier.form_data = {"ten_cha": "Nguyễn Văn Ba"}
    portal.earlier = dossier_receive(reception=earlier, actor=portal.alice)
    account = portal.an
    account.id_number, account.citizen = "001090012345", portal.citizen
    account.verified_by, account.verified_at = Verification.REGISTRY, timezone.now()
    account.save()
    return portal


def _draft_page(client, portal):
    url = start(client, portal.partial)
    return url, client.get(url).content.decode()


def test_nothing_is_offered_before_the_citizen_consents(client, verified):
    sign_in(client, verified.an)
    _, page = _draft_page(client, verified)
    assert "Tôi đồng ý" in page
    assert "Nguyễn Văn Ba" not in page and "Số 1 phố Hàng Bạc, Hoàn Kiếm" not in page


def test_consenting_fills_the_empty_items_with_their_sources(client, verified):
    sign_in(client, verified.an)
    url, _ = _draft_page(client, verified)
    response = client.post(url, {"address": "", "ef-ten_cha": "", "action": "consent"})
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.agency_code, consent.granted_by, consent.purpose) == (PORTAL, None, "reuse")
    values = Draft.objects.get().values
    assert values["address"] == "Số 1 phố Hàng Bạc, Hoàn Kiếm"
    assert values["ef-ten_cha"] == "Nguyễn Văn Ba"
    page = client.get(url).content.decode()
    assert f"từ hồ sơ {verified.earlier.code}" in page and "từ sổ đăng ký công dân" in page


def test_what_the_citizen_typed_is_not_overwritten(client, verified):
    sign_in(client, verified.an)
    url, _ = _draft_page(client, verified)
    client.post(url, {"address": "12 Hàng Đào", "ef-ten_cha": "", "action": "consent"})
    values = Draft.objects.get().values
    assert values["address"] == "12 Hàng Đào" and values["ef-ten_cha"] == "Nguyễn Văn Ba"


def test_an_unverified_account_is_offered_nothing_and_cannot_consent(client, verified):
    sign_in(client, verified.binh)  # signed in, but no verified ID number
    url, page = _draft_page(client, verified)
    assert "Tôi đồng ý" not in page
    client.post(url, {"address": "", "action": "consent"})
    assert not Consent.objects.exists()
    assert Draft.objects.get().values.get("address", "") == ""


def test_a_withdrawn_consent_stops_the_offer(client, verified):
    from citizens.services import consent_withdraw

    sign_in(client, verified.an)
    url, _ = _draft_page(client, verified)
    client.post(url, {"address": "", "action": "consent"})
    consent_withdraw(
        citizen=verified.citizen, purpose="reuse", actor=verified.alice, agency_code="X"
    )
    page = client.get(url).content.decode()
    assert "Tôi đồng ý" in page and "từ hồ sơ" not in page
    assert reverse("online:draft", args=[Draft.objects.get().key]) == url
