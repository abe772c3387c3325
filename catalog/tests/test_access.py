"""R5 and R12 for the catalogue's staff pages: who may read, who may change, and nothing else."""

import pytest
from django.test import Client
from django.urls import reverse

from catalog import services
from catalog.models import EFormField
from catalog.tests.builders import published
from conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedures(cast):
    own = published(code="1.000001", name="Thủ tục của xã An", agencies=[cast.committee_a])
    other = published(code="1.000002", name="Thủ tục của xã Bình", agencies=[cast.committee_b])
    shared = published(
        code="1.000003", name="Thủ tục dùng chung", agencies=[cast.committee_a, cast.committee_b]
    )
    for version in (own, other, shared):
        draft = services.version_draft(procedure=version.procedure, actor=None)
        EFormField.objects.create(version=draft, key="ho_ten", label="Họ tên")
    return {"own": own.procedure, "other": other.procedure, "shared": shared.procedure}


def read_urls(procedure):
    return [
        reverse("catalog:staff-procedure", args=[procedure.pk]),
        reverse("catalog:staff-version", args=[procedure.pk, 1]),
        reverse("catalog:eform-preview", args=[procedure.pk, 1]),
        reverse("catalog:eform-declaration", args=[procedure.pk, 1]),
    ]


def write_urls(procedure):
    field = EFormField.objects.get(version__procedure=procedure, version__status="draft")
    return [
        ("get", reverse("catalog:staff-edit", args=[procedure.pk])),
        ("post", reverse("catalog:staff-draft", args=[procedure.pk])),
        ("post", reverse("catalog:staff-publish", args=[procedure.pk])),
        ("get", reverse("catalog:staff-expire", args=[procedure.pk])),
        ("post", reverse("catalog:staff-expire", args=[procedure.pk])),
        ("get", reverse("catalog:eform-editor", args=[procedure.pk])),
        ("post", reverse("catalog:eform-editor", args=[procedure.pk])),
        ("get", reverse("catalog:eform-field", args=[procedure.pk, field.pk])),
        ("post", reverse("catalog:eform-move", args=[procedure.pk, field.pk])),
        ("post", reverse("catalog:eform-delete", args=[procedure.pk, field.pk])),
    ]


def test_staff_read_the_procedures_of_their_commune_only(client, cast, procedures):
    for user, visible, hidden in (
        (cast.alice, ["own", "shared"], ["other"]),
        (cast.ivy, ["own", "shared"], ["other"]),
        (cast.bob, ["other", "shared"], ["own"]),
    ):
        client.force_login(user)
        for key in visible:
            for url in read_urls(procedures[key]):
                assert client.get(url).status_code == 200, (user, url)
        for key in hidden:
            for url in read_urls(procedures[key]):
                assert client.get(url).status_code == 404, (user, url)


def test_only_the_administrator_of_every_agency_of_a_procedure_may_change_it(
    client, cast, procedures
):
    login_verified(client, cast.ada)
    for key, allowed in (("own", True), ("other", False), ("shared", False)):
        for method, url in write_urls(procedures[key]):
            status = getattr(client, method)(url).status_code
            assert (status < 400) == allowed, (key, method, url, status)
            if not allowed:
                assert status == 404, (key, method, url, status)


def test_officers_and_inspectors_change_nothing(client, cast, procedures):
    for user in (cast.alice, cast.ivy, cast.bob):
        client.force_login(user)
        for method, url in write_urls(procedures["own"]):
            assert getattr(client, method)(url).status_code == 403, (user, method, url)
        assert client.get(reverse("catalog:staff-new")).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, procedures):
    for url in read_urls(procedures["own"]):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    for method, url in write_urls(procedures["own"]):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_every_catalogue_post_without_a_csrf_token_is_refused(cast, procedures):
    client = Client(enforce_csrf_checks=True)
    login_verified(client, cast.ada)
    posts = [url for method, url in write_urls(procedures["own"]) if method == "post"]
    posts += [
        reverse("catalog:staff-new"),
        reverse("catalog:staff-edit", args=[procedures["own"].pk]),
    ]
    for url in posts:
        assert client.post(url, {}).status_code == 403, url


def test_huge_or_odd_ids_in_addresses_are_not_found(client):
    for url in (
        "/thu-tuc/99999999999999999999/",
        "/thu-tuc/99999999999999999999/to-khai/",
        "/can-bo/co-quan/%00/",
    ):
        assert client.get(url).status_code == 404, url
