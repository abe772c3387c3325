"""The public status lookup: what it shows, what it never shows (R6), and its rate limit."""

import re
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from core import ratelimit
from core.workdays import VIETNAM, Timeliness
from dossiers.models import Dossier, ReturnMethod
from dossiers.services import ApplicantData, Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State
from org.models import Agency
from portal.lookup import answer_lifetime, mask_name, normalise_code, public_view

LOOKUP = reverse("portal:lookup")
MONDAY_MORNING = "2026-03-02 09:00 +0700"

PRIVATE = ApplicantData(
    full_name="Đặng Thị Ngọc Ánh",
    id_number="079190004321",
    phone="0987654321",
    address="Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm",
    email="ngoc.anh@example.vn",
    birth_date=datetime(1990, 4, 5).date(),
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def received(office):
    office.centre_a.address = "Số 1 đường Lê Lợi, Xã An"
    office.centre_a.phone = "02438251234"  # stored as every entry point stores it
    office.centre_a.save()
    with time_machine.travel(MONDAY_MORNING, tick=False):
        return dossier_receive(
            reception=reception_for(office, applicant=PRIVATE), actor=office.alice
        )


def look(client, code, ip="203.0.113.7", check=None):
    """Look up a dossier as its receipt's QR code does (code and check value), or a typed code
    with or without a check value."""
    if isinstance(code, Dossier):
        code, check = code.code, code.lookup_check
    query = {"ma": code} if check is None else {"ma": code, "kt": check}
    return client.get(LOOKUP, query, REMOTE_ADDR=ip)


# --- What the page shows ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_found_dossier_shows_procedure_state_dates_and_the_return_place(client, office, received):
    with time_machine.travel("2026-03-03 10:00 +0700", tick=False):
        response = look(client, received)
    assert response.status_code == 200
    page = response.content.decode()
    result = response.context["result"]
    assert result.code == received.code
    assert office.version.name in page
    assert result.national_code == 2
    assert str(result.state_text) in page
    assert "02/03/2026 09:00" in page  # received
    assert "05/03/2026 17:00" in page  # due: the third working day, at closing
    assert result.timeliness == Timeliness.IN_PROGRESS
    assert "Trung tâm PVHCC Xã An" in page
    assert "Số 1 đường Lê Lợi, Xã An" in page
    assert "024 3825 1234" in page
    assert str(result.return_method).capitalize() in page
    assert "Đặng T** N** Á" in page


@pytest.mark.django_db
def test_results_are_never_stored_by_a_browser_or_proxy(client, received):
    response = look(client, received)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_page_never_shows_the_applicants_personal_data(client, office, received):
    """R6: scan the whole response, in every state a dossier passes through."""
    with time_machine.travel("2026-03-02 10:00 +0700", tick=False):
        pages = [look(client, received)]
        dossier = received
        for actor, action, extra in [
            (office.alice, Action.ASSIGN, {"assignee": office.sophie}),
            (office.sophie, Action.PROPOSE, {}),
            (office.leo, Action.APPROVE, {}),
            (office.alice, Action.RETURN_RESULT, {}),
        ]:
            dossier = dossier_transition(
                dossier_id=dossier.pk,
                move=Move(action=action, expected_version=dossier.version, **extra),
                actor=actor,
            )
            pages.append(look(client, received))
    assert dossier.state == State.RETURNED
    secrets = [
        PRIVATE.full_name,
        PRIVATE.id_number,
        PRIVATE.phone,
        PRIVATE.address,
        "Hàng Bạc",
        PRIVATE.email,
        "ngoc.anh",
        "Ngọc",
        "Ánh ",
        "05/04/1990",
        "1990",
    ]
    for response in pages:
        assert response.status_code == 200
        whole = str(response.headers) + response.content.decode()
        for secret in secrets:
            assert secret not in whole, secret
        assert "Đặng T** N** Á" in whole


# --- A code alone shows the state only -----------------------------------------------------------


def _neighbours(office, count):
    """`count` dossiers received one after the other: their codes differ in the last digits."""
    with time_machine.travel(MONDAY_MORNING, tick=False):
        return [
            dossier_receive(reception=reception_for(office, applicant=PRIVATE), actor=office.alice)
            for _ in range(count)
        ]


@pytest.mark.django_db
def test_a_neighbours_code_without_the_check_value_shows_the_state_and_nothing_else(
    client, office, received
):
    (neighbour,) = _neighbours(office, 1)
    assert neighbour.code[:-4] == received.code[:-4]  # guessable from one's own receipt
    with time_machine.travel("2026-03-03 10:00 +0700", tick=False):
        response = look(client, neighbour.code)
    assert response.status_code == 200
    assert response.context["result"] is None
    page = response.content.decode()
    assert "Đã tiếp nhận" in page  # the state
    for revealing in [
        office.version.name,
        "Đặng",
        "T** N**",
        "02/03/2026",
        "05/03/2026",
        "Trung tâm PVHCC Xã An",
        "Số 1 đường Lê Lợi",
        "024 3825 1234",
        neighbour.lookup_check,
    ]:
        assert revealing not in page, revealing
    assert "mã kiểm tra" in page.lower()  # and it says how to see more


@pytest.mark.django_db
def test_the_receipts_qr_link_shows_everything_in_one_request(
    client, office, received, django_assert_num_queries
):
    from dossiers.documents import form_context

    qr_url = form_context(received, "01", site_url="http://testserver")["lookup_url"]
    assert received.lookup_check in qr_url
    with django_assert_num_queries(1):
        response = client.get(qr_url, REMOTE_ADDR="203.0.113.7")
    page = response.content.decode()
    assert office.version.name in page
    assert "Đặng T** N** Á" in page
    assert "05/03/2026 17:00" in page


@pytest.mark.django_db
def test_a_check_value_typed_by_hand_is_forgiven_case_and_spaces(client, received):
    typed = f" {received.lookup_check[:3].lower()} {received.lookup_check[3:]} "
    assert look(client, received.code, check=typed).context["result"].code == received.code


@pytest.mark.django_db
def test_a_wrong_check_value_shows_the_state_only_and_says_so(client, office, received):
    wrong = "AAAAAA" if received.lookup_check != "AAAAAA" else "CCCCCC"
    response = look(client, received.code, check=wrong)
    page = response.content.decode()
    assert response.context["result"] is None
    assert response.context["check_error"]
    assert "Đã tiếp nhận" in page
    assert office.version.name not in page
    assert "Đặng" not in page


@pytest.mark.django_db
@override_settings(LOOKUP_CHECK_FAILURE_LIMIT=3)
def test_wrong_check_values_are_limited_even_before_the_right_one(client, received):
    wrong = "AAAAAA" if received.lookup_check != "AAAAAA" else "CCCCCC"
    with time_machine.travel("2026-03-02 10:00:05 +0700", tick=False) as clock:
        for _ in range(3):
            assert look(client, received.code, ip="198.51.100.9", check=wrong).status_code == 200
        # The right value no longer gets compared from this address: guessing stops here.
        blocked = look(client, received, ip="198.51.100.9")
        assert blocked.status_code == 429
        assert "Đặng" not in blocked.content.decode()
        assert 1 <= int(blocked["Retry-After"]) <= 3600
        # The code alone still answers; another address is not affected.
        assert look(client, received.code, ip="198.51.100.9").status_code == 200
        assert look(client, received, ip="198.51.100.10").context["result"]
        clock.shift(timedelta(hours=1))
        assert look(client, received, ip="198.51.100.9").context["result"]


@pytest.mark.django_db
@override_settings(LOOKUP_RATE_LIMIT=5)
def test_wrong_check_values_count_toward_the_lookup_limit(client, received):
    with time_machine.travel("2026-03-02 10:00:05 +0700", tick=False):
        statuses = [
            look(client, received.code, ip="198.51.100.9", check=f"AAAA{c}").status_code
            for c in "CDEFHJ"
        ]
    assert statuses == [200] * 5 + [429]


def test_only_the_exact_check_value_matches():
    from portal.lookup import check_matches

    assert check_matches("K7M3QR", "K7M3QR")
    assert not check_matches("K7M3QX", "K7M3QR")
    assert not check_matches("", "K7M3QR")
    assert not check_matches("", "")
    assert not check_matches("K7M3QR ", "K7M3QR")


@pytest.mark.parametrize(
    "name, masked",
    [
        ("Nguyễn Văn An", "Nguyễn V** A"),
        ("Đặng Thị Ngọc Ánh", "Đặng T** N** Á"),
        ("Lê Na", "Lê N"),
        ("Ksor H'Bia", "Ksor H"),
        ("  nguyễn   văn   an ", "nguyễn V** A"),
        ("Mai", "M**"),
        ("đinh đức", "đinh Đ"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_names_keep_only_the_family_name_and_initials(name, masked):
    assert mask_name(name) == masked


@pytest.mark.django_db
def test_an_organisation_is_masked_like_a_person(client, office):
    organisation = ApplicantData(
        full_name="Trần Văn Chủ", kind="organisation", organisation_name="Hộ kinh doanh Trần Bình"
    )
    dossier = dossier_receive(
        reception=reception_for(office, applicant=organisation), actor=office.alice
    )
    page = look(client, dossier).content.decode()
    assert "Hộ K** D** T** B" in page
    assert "Trần Bình" not in page
    assert "Chủ" not in page


@pytest.mark.django_db
def test_after_an_apology_the_page_shows_the_new_date_and_the_first_one_and_says_late(
    client, office, received
):
    new_date = datetime(2026, 3, 10, 17, 0, tzinfo=VIETNAM)
    with time_machine.travel("2026-03-03 10:00 +0700", tick=False):
        dossier = dossier_transition(
            dossier_id=received.pk,
            move=Move(
                action=Action.ASSIGN, expected_version=received.version, assignee=office.sophie
            ),
            actor=office.alice,
        )
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(
                action=Action.APOLOGISE,
                expected_version=dossier.version,
                reason="Cần xác minh thêm",
                new_due_at=new_date,
            ),
            actor=office.sophie,
        )
        response = look(client, received)
    page = response.content.decode()
    assert "10/03/2026 17:00" in page
    assert "05/03/2026 17:00" in page
    assert response.context["result"].timeliness == Timeliness.LATE_PENDING
    assert "Cần xác minh" not in page  # internal reasons stay internal


@pytest.mark.django_db
def test_after_an_apology_the_citizen_reads_extended_to_the_new_date_not_late(
    client, office, received
):
    new_date = datetime(2026, 3, 10, 17, 0, tzinfo=VIETNAM)
    with time_machine.travel("2026-03-03 10:00 +0700", tick=False) as clock:
        dossier = dossier_transition(
            dossier_id=received.pk,
            move=Move(
                action=Action.ASSIGN, expected_version=received.version, assignee=office.sophie
            ),
            actor=office.alice,
        )
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(
                action=Action.APOLOGISE,
                expected_version=dossier.version,
                reason="Cần xác minh thêm",
                new_due_at=new_date,
            ),
            actor=office.sophie,
        )
        before_the_first_date = look(client, received)
        clock.move_to("2026-03-11 08:00 +0700")  # the new date has passed too
        after_the_new_date = look(client, received)

    def on_time(response):
        page = response.content.decode()
        return re.search(r"<dt>[^<]*</dt><dd><span class=\"badge[^\"]*\">([^<]+)</span>", page)[1]

    assert on_time(before_the_first_date) == "Gia hạn đến 10/03/2026"
    assert "Quá hạn" not in before_the_first_date.content.decode()
    # Still late for the reports (Decree 118 art. 19.6), only worded for the citizen.
    assert before_the_first_date.context["result"].timeliness == Timeliness.LATE_PENDING
    assert on_time(after_the_new_date) == "Quá hạn"


@pytest.mark.parametrize("state", list(State))
def test_every_state_has_words_for_the_citizen(state):
    agency = Agency(name="Trung tâm", address="Số 1")
    dossier = Dossier(
        code="X-260302-0001",
        state=state,
        return_method=ReturnMethod.POST,
        return_agency=agency,
        received_at=datetime(2026, 3, 2, 9, tzinfo=VIETNAM),
        due_at=datetime(2026, 3, 5, 17, tzinfo=VIETNAM),
        finished_at=datetime(2026, 3, 4, 9, tzinfo=VIETNAM),
    )
    dossier.procedure_version = _version("Cấp bản sao trích lục")
    view = public_view(dossier=dossier, applicant_name="", now=datetime(2026, 3, 6, tzinfo=VIETNAM))
    assert str(view.state_label) and str(view.state_text)
    if state == State.RETURNED:
        assert view.timeliness == Timeliness.EARLY
    if state in (State.WITHDRAWN, State.REFUSED, State.STOPPED, State.SUPPLEMENT_REQUESTED):
        assert view.timeliness is None and not view.show_due
    if state == State.IN_PROGRESS:
        assert view.timeliness == Timeliness.LATE_PENDING


def _version(name):
    from catalog.models import ProcedureVersion

    return ProcedureVersion(name=name)


# --- Input ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_qr_link_finds_the_dossier_even_retyped_in_lower_case_with_spaces(client, received):
    retyped = f"  {received.code.lower().replace('-', ' - ')} "
    check = received.lookup_check
    assert look(client, retyped, check=check).context["result"].code == received.code
    full_width = received.code.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    assert look(client, full_width, check=check).context["result"].code == received.code


@pytest.mark.parametrize(
    "garbage",
    [
        "\x00",
        "000.00.1.T99-260302-0001\x00",
        "A\tB",
        "x" * 10_240,
        "' OR 1=1 --",
        "'; DROP TABLE dossiers_dossier; --",
        "%00",
        "<script>alert(1)</script>",
        "Nguyễn Văn An",
        "😀" * 50,
        "\u202e0001",
        "../../etc/passwd",
    ],
)
@pytest.mark.django_db
def test_garbage_input_gets_a_calm_answer_never_an_error(client, garbage):
    response = look(client, garbage)
    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context.get("not_found") or response.context["error"]
    assert "<script>alert" not in response.content.decode()
    assert len(response.context["code"]) <= 80


@pytest.mark.django_db
def test_control_characters_are_refused_with_their_own_message(client):
    response = look(client, "000.00.1.T99-260302-0001\x00")
    assert response.context["error"]
    assert not response.context.get("not_found")
    assert "\x00" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_and_malformed_codes_get_the_same_answer(client, received):
    unknown = f"{received.code[:-4]}9999"
    answers = {code: look(client, code) for code in [unknown, "MÃ SAI", "x" * 500, "ABC"]}
    bodies = set()
    for code, response in answers.items():
        assert response.status_code == 200
        assert response.context["not_found"]
        body = response.content.decode()
        body = body.replace(f'value="{response.context["code"]}"', 'value=""')
        # The language link in the header carries the page's address back, code included.
        body = re.sub(r'\?next=[^"]*"', '"', body)
        bodies.add(body)
    assert len(bodies) == 1
    varying = {"Content-Length", "Expires"}  # the echoed code's length; the clock
    headers = {
        tuple(sorted((k, v) for k, v in r.headers.items() if k not in varying))
        for r in answers.values()
    }
    assert len(headers) == 1


def test_normalising_keeps_a_well_typed_code_as_it_is():
    assert normalise_code("000.00.17.H01-260213-0001") == "000.00.17.H01-260213-0001"


@pytest.mark.django_db
def test_a_found_lookup_takes_one_query(client, received, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert look(client, received).context["result"].applicant == "Đặng T** N** Á"


# --- Cached answers -------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(LOOKUP_CACHE_SECONDS=60)
def test_a_second_lookup_of_a_code_is_answered_without_the_database(
    client, office, received, django_assert_num_queries
):
    first = look(client, received).content.decode()
    with django_assert_num_queries(0):
        again = look(client, received).content.decode()
    assert again == first and "Đặng T** N** Á" in again


@pytest.mark.django_db
@override_settings(LOOKUP_CACHE_SECONDS=60)
def test_a_cached_full_answer_is_never_served_without_its_check_value(client, office, received):
    assert "Đặng T** N** Á" in look(client, received).content.decode()  # cached in full
    wrong = "AAAAAA" if received.lookup_check != "AAAAAA" else "CCCCCC"
    for check in (None, wrong):
        page = look(client, received.code, check=check).content.decode()
        assert "Đã tiếp nhận" in page
        assert "Đặng" not in page and office.version.name not in page
    # And the state-only answer, now cached too, is not served to the QR link.
    assert "Đặng T** N** Á" in look(client, received).content.decode()


@pytest.mark.django_db
@override_settings(LOOKUP_CACHE_SECONDS=60)
def test_the_cache_keeps_no_check_value_in_clear(client, received):
    look(client, received)
    look(client, received.code)
    from portal.lookup import FULL, cache_key

    digest, page = cache.get(cache_key(received.code, "vi", FULL))
    assert received.lookup_check not in digest


@pytest.mark.django_db
@override_settings(LOOKUP_CACHE_SECONDS=60)
def test_a_logged_in_officer_never_gets_a_page_cached_for_citizens(client, office, received):
    look(client, received)  # a citizen's visit fills the cache
    client.force_login(office.alice)
    page = look(client, received).content.decode()
    assert office.alice.full_name in page  # rendered for her, with her name in the header
    assert "Đặng T** N** Á" in page


@pytest.mark.django_db
@override_settings(LOOKUP_CACHE_SECONDS=60)
def test_the_lookup_shows_a_change_at_once_despite_the_cache(
    client, office, received, django_capture_on_commit_callbacks
):
    def state_shown(page):
        return re.search(r'<p><span class="badge[^"]*">([^<]+)</span></p>', page).group(1)

    assert state_shown(look(client, received).content.decode()) == "Đã tiếp nhận"
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier_id=received.pk,
            move=Move(Action.WITHDRAW, expected_version=received.version, reason="Xin rút"),
            actor=office.alice,
        )
    assert state_shown(look(client, received).content.decode()) == "Đã rút hồ sơ"


@pytest.mark.django_db
@override_settings(LOOKUP_CACHE_SECONDS=60)
def test_the_cached_answer_for_one_language_is_not_served_in_the_other(client, received):
    assert "Đã tiếp nhận" in look(client, received).content.decode()
    client.cookies["motcua_language"] = "en"
    assert "Received" in look(client, received).content.decode()


def test_a_cached_answer_expires_when_the_dossier_becomes_late():
    now = datetime(2026, 3, 5, 16, 59, 30, tzinfo=VIETNAM)
    due = datetime(2026, 3, 5, 17, 0, tzinfo=VIETNAM)
    open_view = SimpleNamespace(due_at=due, finished_at=None)
    assert answer_lifetime(open_view, now=now, limit=60) == 30
    assert answer_lifetime(open_view, now=due - timedelta(hours=1), limit=60) == 60
    finished = SimpleNamespace(due_at=due, finished_at=now)
    assert answer_lifetime(finished, now=now, limit=60) == 60
    late = SimpleNamespace(due_at=due, finished_at=None)
    assert answer_lifetime(late, now=due + timedelta(days=1), limit=60) == 60


# --- Rate limit -----------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(LOOKUP_RATE_LIMIT=10)
def test_a_thousand_lookups_from_one_address_are_stopped_past_the_limit(client, received):
    statuses = []
    with time_machine.travel("2026-03-02 10:00:05 +0700", tick=False):
        for _ in range(1000):
            response = look(client, received, ip="198.51.100.9")
            statuses.append(response.status_code)
        assert statuses[:10] == [200] * 10
        assert set(statuses[10:]) == {429}
        assert 1 <= int(response["Retry-After"]) <= 55
        assert "no-store" in response["Cache-Control"]
        assert look(client, received, ip="198.51.100.10").status_code == 200


@pytest.mark.django_db
def test_the_default_limit_lets_thirty_lookups_a_minute_through(client, office, received):
    with time_machine.travel("2026-03-02 10:00:00 +0700", tick=False) as clock:
        for _ in range(30):
            assert look(client, "NOPE").status_code == 200
        blocked = look(client, received)
        assert blocked.status_code == 429
        assert blocked["Retry-After"] == "60"
        assert office.version.name not in blocked.content.decode()
        clock.shift(timedelta(seconds=60))
        assert look(client, received).status_code == 200


@pytest.mark.django_db
@override_settings(LOOKUP_RATE_LIMIT=1)
def test_the_empty_form_does_not_count_against_the_limit(client):
    for _ in range(5):
        assert client.get(LOOKUP, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert look(client, "ABC", ip="192.0.2.1").status_code == 200
    assert look(client, "ABC", ip="192.0.2.1").status_code == 429


def test_a_counter_allows_the_limit_then_refuses_until_the_window_ends():
    with time_machine.travel("2026-03-02 10:00:50 +0700", tick=False) as clock:
        results = [ratelimit.hit(key="t", limit=3, window_seconds=60) for _ in range(4)]
        assert [allowed for allowed, _ in results] == [True, True, True, False]
        assert results[-1][1] == 10
        clock.shift(timedelta(seconds=10))
        assert ratelimit.hit(key="t", limit=3, window_seconds=60)[0]


@pytest.mark.django_db
def test_the_page_sends_the_security_headers_and_no_inline_script(client, received):
    response = look(client, received)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert re.findall(r"<script(?![^>]*\bsrc=)", response.content.decode()) == []
    assert client.post(LOOKUP, {"ma": received.code}).status_code == 405
