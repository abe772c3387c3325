"""Signing in with VNeID over OpenID Connect, against a real OpenID provider started here
(oidc-provider-mock: discovery, signed ID tokens, token and userinfo endpoints over HTTP):
a verified identity fills the name, ID number and birth date, links the registry and marks
the account verified; refusals and forged answers sign nobody in."""

from datetime import date
from urllib.parse import parse_qs, quote, urlparse

import httpx
import oidc_provider_mock
import pytest

from accounts.models import CitizenAccount, Verification
from accounts.session import SESSION_ACCOUNT
from citizens.models import Citizen

pytestmark = pytest.mark.django_db
SUBJECT = "vneid-7f3a9c"
CLAIMS = {
    "citizen_id": "001090012345",
    "name": "Nguyễn  Văn An",
    "birthdate": "1990-05-01",
    "gender": "male",
}


@pytest.fixture
def provider(settings):
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        issuer = f"http://localhost:{server.server_port}"
        settings.VNEID_OIDC_ISSUER = issuer
        settings.VNEID_CLIENT_ID = "motcua-xa-an"
        settings.VNEID_CLIENT_SECRET = "bi-mat-oidc"
        yield issuer


def _person(issuer, claims=CLAIMS, subject=SUBJECT):
    response = httpx.put(f"{issuer}/users/{quote(subject)}", json=claims)
    assert response.status_code == 204


def _sign_in(client, *, subject=SUBJECT, action=None, next_url="/cong-dan/ho-so/"):
    """The citizen's browser: to the provider, the consent form posted, and back."""
    start = client.get("/cong-dan/dang-nhap/vneid/", {"next": next_url})
    assert start.status_code == 302
    authorize = start["Location"]
    form = {"sub": subject} if action is None else {"action": action}
    answer = httpx.post(authorize, data=form)
    assert answer.status_code in (302, 303)
    back = urlparse(answer.headers["location"])
    return client.get(back.path, parse_qs(back.query)), parse_qs(urlparse(authorize).query)


def test_a_verified_identity_signs_in_and_fills_the_account(client, provider):
    _person(provider)
    response, asked = _sign_in(client)
    assert asked["scope"] == ["openid profile"] and "nonce" in asked and "state" in asked
    assert response.status_code == 302 and response["Location"] == "/cong-dan/ho-so/"
    account = CitizenAccount.objects.get()
    assert client.session[SESSION_ACCOUNT] == account.pk
    assert (account.id_number, account.full_name, account.birth_date) == (
        "001090012345",
        "Nguyễn Văn An",
        date(1990, 5, 1),
    )
    assert account.verified_by == Verification.VNEID and account.vneid_subject == SUBJECT
    citizen = Citizen.objects.get()
    assert account.citizen == citizen and citizen.gender == "Nam"


def test_the_same_person_keeps_one_account_and_the_counters_registry_entry(client, provider):
    counter_record = Citizen.objects.create(
        id_number="001090012345",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 5, 1),
        gender="Nam",
        address="Số 1 phố Hàng Bạc",
    )
    earlier = CitizenAccount.objects.create(
        phone="0912345678",
        id_number="001090012345",
        citizen=counter_record,
        verified_by=Verification.REGISTRY,
        verified_at="2026-11-01T08:00:00+07:00",
    )
    _person(provider)
    _sign_in(client)
    _sign_in(client)  # again, later
    assert list(CitizenAccount.objects.all()) == [earlier]
    earlier.refresh_from_db()
    assert earlier.vneid_subject == SUBJECT and earlier.verified_by == Verification.VNEID
    assert Citizen.objects.get().address == "Số 1 phố Hàng Bạc"  # the registry is not overwritten


def test_a_citizen_who_says_no_at_vneid_is_sent_back_to_the_code_sign_in(client, provider):
    _person(provider)
    response, _ = _sign_in(client, action="deny")
    assert response["Location"] == "/cong-dan/dang-nhap/"
    assert not CitizenAccount.objects.exists()
    page = client.get("/cong-dan/dang-nhap/")
    assert "Bạn chưa đăng nhập bằng VNeID" in page.content.decode()


def test_an_identity_without_an_id_number_is_not_signed_in(client, provider):
    _person(provider, claims={"name": "Nguyễn Văn An", "birthdate": "1990-05-01"})
    response, _ = _sign_in(client)
    assert response["Location"] == "/cong-dan/dang-nhap/"
    assert not CitizenAccount.objects.exists()
    assert "không gửi đủ số định danh" in client.get("/cong-dan/dang-nhap/").content.decode()


def test_an_answer_with_a_forged_state_signs_nobody_in(client, provider):
    _person(provider)
    start = client.get("/cong-dan/dang-nhap/vneid/")
    answer = httpx.post(start["Location"], data={"sub": SUBJECT})
    back = urlparse(answer.headers["location"])
    query = {key: values[0] for key, values in parse_qs(back.query).items()}
    query["state"] = "khong-phai-cua-ban"
    response = client.get(back.path, query)
    assert response["Location"] == "/cong-dan/dang-nhap/"
    assert not CitizenAccount.objects.exists()
    assert SESSION_ACCOUNT not in client.session


def test_vneid_is_off_unless_configured(client, settings):
    settings.VNEID_OIDC_ISSUER = ""
    assert client.get("/cong-dan/dang-nhap/vneid/").status_code == 404
    assert "VNeID" not in client.get("/cong-dan/dang-nhap/").content.decode()


def test_the_sign_in_page_offers_vneid_when_configured(client, provider):
    page = client.get("/cong-dan/dang-nhap/", {"next": "/cong-dan/ho-so/"}).content.decode()
    assert 'href="/cong-dan/dang-nhap/vneid/?next=/cong-dan/ho-so/"' in page
