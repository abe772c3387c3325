"""R5 on the guidance screens, the large-print declaration and the counts: the cast × GET/POST,
other communes' objects are 404, and a volunteer reaches nothing but the guidance screens."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import login_verified
from counter.models import GuidanceSlip, GuidedSession
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db

GUIDANCE_NAMES = {
    "counter:guidance",
    "counter:slip-new",
    "counter:slip",
    "counter:guided-new",
    "counter:guided-code",
}


def slip_post(cast, agency):
    return {
        "thu_tuc": cast.version.pk,
        "agency": agency.pk,
        "missing": ["Tờ khai theo mẫu"],
        "citizen_name": "Người thử",
    }


def session_post(cast, agency):
    return {
        "thu_tuc": cast.version.pk,
        "agency": agency.pk,
        "hard_step": "upload",
        "submitted": "on",
        "full_name": "Người thử",
        "ef-ho_ten_tre": "Bé thử",
    }


def own_requests(cast, key):
    """(method, url, data) of the pages about commune `key`'s objects."""
    centre = cast.centre_a if key == "a" else cast.centre_b
    slip = cast.slip_a if key == "a" else cast.slip_b
    dossier = cast.dossier_a if key == "a" else cast.dossier_b
    with_version = f"?thu_tuc={cast.version.pk}"
    return [
        ("get", reverse("counter:slip", args=[slip.pk]), None),
        ("get", reverse("counter:slip", args=[slip.pk]) + "?pdf=1", None),
        ("get", reverse("counter:declaration-large", args=[dossier.pk]), None),
        ("post", reverse("counter:slip-new"), slip_post(cast, centre)),
        ("post", reverse("counter:guided-new"), session_post(cast, centre)),
        ("get", reverse("counter:slip-new") + with_version, None),
    ]


def shared_requests(cast):
    return [
        ("get", reverse("counter:guidance"), None),
        ("get", reverse("counter:slip-new"), None),
        ("get", reverse("counter:guided-new"), None),
        ("get", reverse("counter:guided-new") + f"?thu_tuc={cast.version.pk}", None),
        ("get", reverse("counter:counts"), None),
        ("get", reverse("counter:counts") + "?xlsx=1", None),
    ]


def records() -> tuple[int, int, int]:
    return GuidanceSlip.objects.count(), GuidedSession.objects.count(), Dossier.objects.count()


def test_anonymous_visitors_are_sent_to_login_and_nothing_is_recorded(client, guidance):
    before = records()
    calls = shared_requests(guidance) + own_requests(guidance, "a") + own_requests(guidance, "b")
    for method, url, data in calls:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("core:login")), url
    assert records() == before


@pytest.mark.parametrize("name, own", [("alice", "a"), ("bob", "b"), ("vy", "a")])
def test_a_guide_works_at_the_own_centre_and_gets_404_for_the_other_communes_objects(
    client, guidance, name, own
):
    other = "b" if own == "a" else "a"
    client.force_login(getattr(guidance, name))
    other_slip, other_dossier, _pdf, _decl, post_slip, post_session, _pick = (
        guidance.slip_b if own == "a" else guidance.slip_a,
        guidance.dossier_b if own == "a" else guidance.dossier_a,
        *own_requests(guidance, other)[1:],
    )
    before = records()
    assert client.get(reverse("counter:slip", args=[other_slip.pk])).status_code == 404
    assert client.get(reverse("counter:slip", args=[other_slip.pk]) + "?pdf=1").status_code == 404
    # The other commune's centre is not a choice: the form says so, nothing is recorded.
    for _method, url, data in (post_slip, post_session):
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert "Chọn một trung tâm trong danh sách." in response.content.decode()
    assert records() == before
    large = client.get(reverse("counter:declaration-large", args=[other_dossier.pk]))
    assert large.status_code == (403 if name == "vy" else 404)

    calls = own_requests(guidance, own)
    assert client.get(calls[0][1]).status_code == 200
    assert client.get(calls[1][1])["Content-Type"] == "application/pdf"
    assert client.post(calls[3][1], calls[3][2]).status_code == 302
    assert client.post(calls[4][1], calls[4][2]).status_code == 302
    slips, sessions, dossiers = records()
    assert (slips, sessions, dossiers) == (before[0] + 1, before[1] + 1, before[2] + 1)
    for _method, url, _data in shared_requests(guidance)[:4]:
        assert client.get(url).status_code == 200, url


def test_a_volunteer_sees_neither_dossiers_nor_counts(client, guidance):
    client.force_login(guidance.vy)
    assert (
        client.get(reverse("counter:declaration-large", args=[guidance.dossier_a.pk])).status_code
        == 403
    )
    assert client.get(reverse("counter:counts")).status_code == 403
    assert client.get(reverse("counter:counts") + "?xlsx=1").status_code == 403


@pytest.mark.parametrize("name", ["ivy", "ada"])
def test_an_inspector_and_an_agency_admin_read_but_do_not_guide(client, guidance, name):
    login_verified(client, getattr(guidance, name))
    before = records()
    for method, url, data in (
        shared_requests(guidance)[:4]
        + own_requests(guidance, "a")[:2]
        + own_requests(guidance, "a")[3:]
    ):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, (name, method, url)
    assert records() == before
    assert (
        client.get(reverse("counter:declaration-large", args=[guidance.dossier_a.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("counter:declaration-large", args=[guidance.dossier_b.pk])).status_code
        == 404
    )
    assert client.get(reverse("counter:counts")).status_code == 200


def test_the_system_administrator_reaches_both_communes(client, guidance):
    login_verified(client, guidance.sam)
    for key in ("a", "b"):
        for method, url, _data in own_requests(guidance, key):
            if method == "get":
                assert client.get(url).status_code == 200, url
    for _method, url, _data in shared_requests(guidance):
        assert client.get(url).status_code == 200, url


def test_a_commune_page_answers_2xx_exactly_to_those_who_may_read_it(client, guidance):
    """Across the whole cast: slips are read by the guides of their centre, the large-print
    declaration by the officers who see the dossier; nobody else gets a 2xx."""
    readers = {
        ("slip", "a"): {"alice", "vy", "sam"},
        ("slip", "b"): {"bob", "sam"},
        ("declaration", "a"): {"alice", "ivy", "ada", "sam"},
        ("declaration", "b"): {"bob", "sam"},
    }
    for name in ("alice", "bob", "vy", "ivy", "ada", "sam"):
        login_verified(client, getattr(guidance, name))
        for key in ("a", "b"):
            slip_page, slip_pdf, declaration = own_requests(guidance, key)[:3]
            for kind, url in (
                ("slip", slip_page[1]),
                ("slip", slip_pdf[1]),
                ("declaration", declaration[1]),
            ):
                status = client.get(url).status_code
                assert (200 <= status < 300) == (name in readers[kind, key]), (name, url, status)
        client.logout()


def _sample_paths(patterns, prefix=""):
    """Every route of the project, with its converters filled by sample values."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else prefix
            yield from _sample_paths(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name}", pattern


def staff_urls(guidance) -> list[tuple[str, str]]:
    samples = {
        "pk": guidance.dossier_a.pk,
        "code": guidance.centre_a.code,
        "number": 1,
        "field_pk": 1,
        "document_pk": 1,
        "board": "truc-tuyen",
    }
    urls = []
    for name, pattern in _sample_paths(get_resolver().url_patterns):
        route = str(pattern.pattern)
        if not route.startswith("can-bo/") or not name or name.startswith("None"):
            continue
        kwargs = {key: samples.get(key, 1) for key in pattern.pattern.converters}
        if name == "dossiers:form":
            kwargs["number"] = "01"
        urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


def test_a_volunteer_gets_403_on_every_staff_page_but_the_guidance_screens(client, guidance):
    client.force_login(guidance.vy)
    urls = staff_urls(guidance)
    assert len(urls) > 20  # every staff page of the project, not a hand-picked few
    before = records()
    for name, url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url, {})
            if name in GUIDANCE_NAMES:
                assert response.status_code in (200, 302, 404, 405), (method, url)
            elif name == "org:staff-home":
                # A volunteer logs in straight to the guidance screens.
                assert response.status_code in (302, 405), (method, url)
                if method == "get":
                    assert response["Location"] == reverse("counter:guidance")
            else:
                assert response.status_code in (403, 405), (method, url, response.status_code)
    assert records() == before


def test_an_officer_who_also_volunteers_keeps_the_staff_pages(client, guidance):
    from org.models import Role
    from org.tests.factories import give_role

    give_role(guidance.alice, guidance.centre_a, Role.VOLUNTEER)
    client.force_login(guidance.alice)
    assert client.get(reverse("dossiers:queue")).status_code == 200
    assert client.get(reverse("org:staff-home")).status_code == 200


def test_the_menu_shows_a_volunteer_only_the_guidance_screens(client, guidance):
    client.force_login(guidance.vy)
    page = client.get(reverse("counter:guidance")).content.decode()
    assert reverse("counter:guided-new") in page
    for name in ("dossiers:queue", "dossiers:register", "counter:counts", "catalog:staff-list"):
        assert reverse(name) not in page, name
    client.force_login(guidance.alice)
    page = client.get(reverse("org:staff-home")).content.decode()
    assert reverse("counter:guidance") in page
    assert reverse("counter:counts") in page
    login_verified(client, guidance.ivy)
    page = client.get(reverse("org:staff-home")).content.decode()
    assert reverse("counter:guidance") not in page
    assert reverse("counter:counts") in page


def test_posts_without_a_csrf_token_are_refused(guidance):
    client = Client(enforce_csrf_checks=True)
    client.force_login(guidance.vy)
    before = records()
    for url, data in (
        (reverse("counter:slip-new"), slip_post(guidance, guidance.centre_a)),
        (reverse("counter:guided-new"), session_post(guidance, guidance.centre_a)),
    ):
        assert client.post(url, data).status_code == 403
    assert records() == before
