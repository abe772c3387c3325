"""R5 and R12 for the disclosure register: the cast extended with a publisher (Sophie), a hamlet
data officer (Hana), the inspector (Ivy) and another commune (Bob)."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from disclosure import services
from disclosure.models import DisclosureItem
from disclosure.tests.builders import poor_list, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(people):
    east = poor_list(people.committee_a, hamlet=people.east, title="Thôn Đông")
    west = poor_list(people.committee_a, hamlet=people.west, title="Thôn Tây")
    other = poor_list(people.committee_b, hamlet=people.north_b, title="Xã Bình")
    attached = services.attachment_add(
        actor=None,
        item=east,
        upload=xlsx([["Chủ hộ"], ["Nguyễn Văn An"]], name="bang.xlsx"),
    )
    return {"east": east, "west": west, "other": other, "attachment": attached}


def read_urls(item, attachment=None):
    urls = [
        reverse("disclosure:staff-item", args=[item.pk]),
        reverse("disclosure:staff-template", args=[item.pk]),
    ]
    if attachment is not None:
        urls.append(reverse("disclosure:staff-attachment", args=[item.pk, attachment.pk]))
    return urls


def write_posts(item):
    return [
        (reverse("disclosure:staff-edit", args=[item.pk]), {}),
        (reverse("disclosure:staff-posting", args=[item.pk]), {}),
        (reverse("disclosure:staff-attach", args=[item.pk]), {}),
        (reverse("disclosure:staff-import", args=[item.pk]), {}),
        (reverse("disclosure:staff-row-add", args=[item.pk]), {}),
        (reverse("disclosure:staff-publish", args=[item.pk]), {}),
        (reverse("disclosure:staff-withdraw", args=[item.pk]), {}),
    ]


def test_anonymous_users_are_sent_to_log_in(client, items):
    for url in [reverse("disclosure:staff-register"), *read_urls(items["east"])]:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response.url
    for url, data in write_posts(items["east"]):
        assert client.post(url, data).status_code == 302


def test_another_communes_disclosures_are_404_for_every_role(client, people, items):
    from org.models import Role
    from org.tests.factories import UserFactory, give_role

    ben = UserFactory(username="ben")  # commune B's own specialist: a writer, elsewhere
    give_role(ben, people.committee_b, Role.SPECIALIST)
    for user in (people.bob, ben):
        client.force_login(user)
        for url in read_urls(items["east"], items["attachment"]):
            assert client.get(url).status_code == 404, url
    # Bob's role never writes (403 before any lookup); Ben's does, and finds nothing.
    for url, data in write_posts(items["east"]):
        assert client.post(url, data).status_code == 404, url
    for user in (people.alice, people.ivy, people.sophie, people.hana):
        client.force_login(user)
        assert (
            client.get(reverse("disclosure:staff-item", args=[items["other"].pk])).status_code
            == 404
        )
        register = client.get(reverse("disclosure:staff-register")).content.decode()
        assert "Xã Bình" not in register


def test_counter_staff_and_the_inspector_read_but_never_write(client, people, items):
    for user in (people.alice, people.ivy):
        client.force_login(user)
        for url in read_urls(items["east"], items["attachment"]):
            assert client.get(url).status_code == 200, url
        for url, data in write_posts(items["east"]):
            assert client.post(url, data).status_code == 403, (user, url)
        assert client.get(reverse("disclosure:staff-new")).status_code == 403
    assert DisclosureItem.objects.filter(status="draft").count() == 3


def test_a_hamlet_data_officer_writes_their_own_hamlets_items_only(client, people, items):
    client.force_login(people.hana)
    own, other = items["east"], items["west"]
    response = client.post(
        reverse("disclosure:staff-posting", args=[own.pk]),
        {"place": "hamlet_office", "posted_on": "03/03/2026", "responsible": "Hà Thị Hana"},
    )
    assert response.status_code == 302
    for url, data in write_posts(other):
        assert client.post(url, data).status_code == 403, url
    # Publishing is the committee's, not the hamlet's.
    response = client.post(
        reverse("disclosure:staff-publish", args=[own.pk]),
        {"publish_from": "03/03/2026", "publish_until": "30/04/2026"},
    )
    assert response.status_code == 403
    # Creating: only for a hamlet they are named for.
    form = {
        "agency": people.committee_a.pk,
        "category": "contributions",
        "title": "Sổ đóng góp",
        "period_label": "Năm 2026",
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
    }
    page = client.post(reverse("disclosure:staff-new"), form | {"hamlet": people.west.pk})
    assert page.status_code == 200 and not DisclosureItem.objects.filter(title="Sổ đóng góp")
    assert (
        client.post(reverse("disclosure:staff-new"), form | {"hamlet": people.east.pk}).status_code
        == 302
    )


def test_a_hamlet_data_officer_sees_no_dossiers(client, people):
    client.force_login(people.hana)
    assert client.get(reverse("dossiers:queue")).status_code == 403
    assert client.get(reverse("counter:reception")).status_code == 403
    menu = client.get(reverse("disclosure:staff-register")).content.decode()
    assert reverse("dossiers:queue") not in menu


def test_a_specialist_publishes_and_withdraws(client, people, items):
    client.force_login(people.sophie)
    item = items["west"]
    response = client.post(
        reverse("disclosure:staff-publish", args=[item.pk]),
        {"publish_from": "03/03/2026", "publish_until": "30/04/2026"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.first_published_on) == ("published", date(2026, 3, 3))
    response = client.post(
        reverse("disclosure:staff-withdraw", args=[item.pk]), {"reason": "Sai tên"}
    )
    item.refresh_from_db()
    assert response.status_code == 302 and item.status == "withdrawn"
    assert item.first_published_on == date(2026, 3, 3)


def test_state_changes_need_a_csrf_token(people, items):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.sophie)
    for url, data in write_posts(items["east"]):
        assert client.post(url, data).status_code == 403, url
