"""Signing in with a one-time code (R23): limits, lockout, expiry, single use, and the same
answer whether or not an account exists."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.codes import Destination, parse_destination
from accounts.models import CitizenAccount, SignInCode, Verification
from accounts.services import IdentityClaim, account_identity_declare
from citizens.models import Citizen
from notifications.models import Notification

PHONE = "0912345678"
SIGN_IN = reverse("accounts:sign-in")
CODE = reverse("accounts:sign-in-code")
HOME = reverse("accounts:home")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def last_code(to: str) -> str:
    body = Notification.objects.filter(recipient=to).latest("id").body
    return re.search(r"\b(\d{6})\b", body).group(1)


def without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def ask_code(client, destination=PHONE, **extra):
    return client.post(SIGN_IN, {"destination": destination, **extra})


@pytest.mark.django_db
def test_a_citizen_signs_in_with_the_code_sent_by_sms_and_gets_an_account(client):
    response = ask_code(client, "0912 345 678", next="/thu-tuc/")
    assert response.status_code == 302 and response["Location"] == CODE
    page = client.get(CODE)
    assert "091*****78" in page.content.decode()
    assert Notification.objects.get().channel == "sms"
    old_key = client.session.session_key
    response = client.post(CODE, {"code": last_code(PHONE)})
    assert response.status_code == 302 and response["Location"] == "/thu-tuc/"
    assert client.session.session_key != old_key  # a new session at sign-in (R8)
    account = CitizenAccount.objects.get()
    assert account.phone == PHONE and not account.verified
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_an_e_mail_address_gets_its_code_by_e_mail(client):
    ask_code(client, "An.Nguyen@Example.VN")
    assert Notification.objects.get().channel == "email"
    client.post(CODE, {"code": last_code("an.nguyen@example.vn")})
    assert CitizenAccount.objects.get().email == "an.nguyen@example.vn"


@pytest.mark.django_db
def test_nobody_learns_whether_a_number_has_an_account(client):
    CitizenAccount.objects.create(phone="0912345679")
    known = ask_code(client, "0912345679")
    known_page = without_tokens(client.get(CODE).content.decode())
    unknown = ask_code(client, "0912345670")
    unknown_page = without_tokens(client.get(CODE).content.decode())
    assert known.status_code == unknown.status_code == 302
    assert known_page.replace("79", "70") == unknown_page
    # A code goes out in both cases; no account is created before a code comes back.
    assert Notification.objects.count() == 2
    assert CitizenAccount.objects.count() == 1


@pytest.mark.django_db
def test_a_wrong_code_is_refused_in_plain_words_and_the_right_one_still_works(client):
    ask_code(client)
    right = last_code(PHONE)
    wrong = "000000" if right != "000000" else "111111"
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 400
    assert "không đúng" in response.content.decode()
    assert client.post(CODE, {"code": right}).status_code == 302


@pytest.mark.django_db
def test_a_code_dies_after_five_wrong_tries(client):
    ask_code(client)
    right = last_code(PHONE)
    wrong = "000000" if right != "000000" else "111111"
    for _attempt in range(5):
        client.post(CODE, {"code": wrong})
    assert client.post(CODE, {"code": right}).status_code == 400
    assert not CitizenAccount.objects.exists()


@pytest.mark.django_db
def test_a_code_works_once_and_not_after_it_expires(client):
    ask_code(client)
    code = last_code(PHONE)
    client.post(CODE, {"code": code})
    client.post(reverse("accounts:sign-out"))
    ask_code(client)
    SignInCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(CODE, {"code": last_code(PHONE)}).status_code == 400
    # The first code, used already, does not work either.
    assert client.post(CODE, {"code": code}).status_code == 400


@pytest.mark.django_db
def test_only_the_last_code_sent_counts(client):
    ask_code(client)
    first = last_code(PHONE)
    ask_code(client)
    second = last_code(PHONE)
    if first != second:
        assert client.post(CODE, {"code": first}).status_code == 400
    assert client.post(CODE, {"code": second}).status_code == 302


@pytest.mark.django_db
def test_codes_to_one_number_are_limited_with_retry_after(client):
    for _attempt in range(3):
        assert ask_code(client).status_code == 302
    response = ask_code(client)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert Notification.objects.count() == 3


@pytest.mark.django_db
def test_many_numbers_from_one_address_are_limited(client):
    statuses = [ask_code(client, f"09123456{n:02d}").status_code for n in range(12)]
    assert statuses[:10] == [302] * 10 and statuses[10:] == [429, 429]


@pytest.mark.django_db
def test_ten_wrong_codes_lock_the_number_even_with_fresh_codes(client, settings):
    settings.CITIZEN_CODE_PER_DESTINATION = 100
    for _round in range(2):
        ask_code(client)
        for _attempt in range(5):
            client.post(CODE, {"code": "999999"})
    ask_code(client)
    response = client.post(CODE, {"code": last_code(PHONE)})
    assert response.status_code == 429


@pytest.mark.django_db
def test_bad_input_gets_a_vietnamese_message_and_keeps_what_was_typed(client):
    response = ask_code(client, "abc@")
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    assert 'value="abc@"' in response.content.decode()
    assert ask_code(client, "12").status_code == 400
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_return_address_must_be_on_this_site(client):
    ask_code(client, next="https://evil.example/")
    response = client.post(CODE, {"code": last_code(PHONE)})
    assert response["Location"] == HOME


@pytest.mark.django_db
def test_account_pages_need_a_signed_in_citizen_and_are_never_cached(client):
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    ask_code(client)
    client.post(CODE, {"code": last_code(PHONE)})
    response = client.get(HOME)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_idle_citizen_session_ends(client, settings):
    settings.CITIZEN_SESSION_IDLE = -1
    ask_code(client)
    client.post(CODE, {"code": last_code(PHONE)})
    assert client.get(HOME).status_code == 302


def test_destinations_are_read_as_people_type_them():
    assert parse_destination(" +84 912 345 678 ") == Destination("sms", PHONE)
    assert parse_destination("A@B.VN").address == "a@b.vn"
    assert Destination("sms", PHONE).masked == "091*****78"
    assert Destination("email", "an.nguyen@example.vn").masked == "an***@example.vn"


# --- The link to the citizens registry ----------------------------------------------------


def registry_entry(**changes):
    values = {
        "id_number": "001090012345",
        "full_name": "Nguyễn Văn An",
        "birth_date": date(1990, 5, 1),
        "gender": "Nam",
        "phone": PHONE,
        "search_name": "nguyen van an",
    }
    return Citizen.objects.create(**{**values, **changes})


@pytest.mark.django_db
def test_the_id_number_is_verified_when_the_counter_recorded_this_phone_for_that_person():
    citizen = registry_entry()
    account = CitizenAccount.objects.create(phone=PHONE)
    assert account_identity_declare(
        account=account,
        claim=IdentityClaim(
            id_number="001090012345", full_name="Nguyễn Văn An", birth_date=date(1990, 5, 1)
        ),
    )
    account.refresh_from_db()
    assert account.citizen == citizen and account.verified_by == Verification.REGISTRY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "registry, claim_changes",
    [
        ({"phone": "0987654321"}, {}),  # another phone: somebody else's ID number
        ({}, {"birth_date": date(1990, 5, 2)}),
        ({}, {"full_name": "Nguyễn Văn Anh"}),
        (None, {}),  # not in the registry
    ],
)
def test_the_id_number_stays_unverified_otherwise(registry, claim_changes):
    if registry is not None:
        registry_entry(**registry)
    account = CitizenAccount.objects.create(phone=PHONE)
    values = {
        "id_number": "001090012345",
        "full_name": "Nguyễn Văn An",
        "birth_date": date(1990, 5, 1),
    }
    assert not account_identity_declare(
        account=account, claim=IdentityClaim(**{**values, **claim_changes})
    )
    account.refresh_from_db()
    assert account.citizen is None and account.id_number == "001090012345"


@pytest.mark.django_db
def test_the_account_page_gives_the_same_answer_for_an_unknown_and_a_foreign_id_number(client):
    registry_entry(phone="0987654321")
    answers = []
    for id_number in ("001090012345", "001090099999"):
        client.post(reverse("accounts:sign-out"))
        cache.clear()
        ask_code(client)
        client.post(CODE, {"code": last_code(PHONE)})
        CitizenAccount.objects.update(id_number="")
        response = client.post(
            HOME,
            {"id_number": id_number, "full_name": "Nguyễn Văn An", "birth_date": "01/05/1990"},
            follow=True,
        )
        answers.append(without_tokens(response.content.decode()).replace(id_number, "ID"))
    assert answers[0] == answers[1]
    assert "chưa được xác minh" in answers[0]


@pytest.mark.django_db
def test_a_wrong_birth_date_is_explained_and_the_typed_values_stay(client):
    ask_code(client)
    client.post(CODE, {"code": last_code(PHONE)})
    response = client.post(
        HOME, {"id_number": "00109001234", "full_name": "Nguyễn Văn An", "birth_date": "31/02/1990"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "12 chữ số" in page and "ngày/tháng/năm" in page
    assert 'value="Nguyễn Văn An"' in page
