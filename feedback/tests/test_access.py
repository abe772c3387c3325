"""R5 extended to feedback: staff see the items of their agencies (and those their counter
registered), another commune's item is a 404, the inspector reads and never acts; overdue items
reach "Việc hôm nay" and the queue; the dossier page shows the feedback about it; pages keep a
constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import login_verified
from feedback.models import FeedbackItem
from feedback.services import Move, feedback_transition
from feedback.tests.conftest import registered
from feedback.workflow import Action

pytestmark = pytest.mark.django_db


def item_urls(item) -> list[str]:
    return [
        reverse("feedback:item", args=[item.pk]),
        reverse("feedback:receipt", args=[item.pk]),
    ]


@pytest.mark.parametrize("who", ["alice", "sophie", "leo", "ivy", "sam"])
def test_commune_a_staff_and_the_administrator_see_commune_as_feedback(client, office, who):
    item = registered(office)
    user = getattr(office, who)
    if who == "sam":
        login_verified(client, user)
    else:
        client.force_login(user)
    for url in item_urls(item):
        assert client.get(url).status_code == 200, url
    assert item.code in client.get(reverse("feedback:queue") + "?hang=all").content.decode()


def test_another_commune_sees_a_404_and_not_in_its_queue(client, office):
    item = registered(office)
    client.force_login(office.bob)
    for url in item_urls(item):
        assert client.get(url).status_code == 404, url
    assert item.code not in client.get(reverse("feedback:queue") + "?hang=all").content.decode()
    response = client.post(
        reverse("feedback:action", args=[item.pk]),
        {"action": "accept", "accept-version": item.version},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.state == "registered"


def test_the_inspector_is_offered_no_action_and_cannot_force_one(client, office):
    item = registered(office)
    client.force_login(office.ivy)
    page = client.get(reverse("feedback:item", args=[item.pk])).content.decode()
    assert 'name="action"' not in page
    response = client.post(
        reverse("feedback:action", args=[item.pk]),
        {"action": "accept", "accept-version": item.version},
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.state == "registered"


def test_the_counter_classifies_through_the_page(client, office):
    item = registered(office)
    client.force_login(office.alice)
    response = client.post(
        reverse("feedback:action", args=[item.pk]),
        {"action": "reject", "reject-version": item.version, "reject-note": ""},
    )
    assert response.status_code == 400  # the reason is needed
    response = client.post(
        reverse("feedback:action", args=[item.pk]),
        {"action": "reject", "reject-version": item.version, "reject-note": "Nặc danh"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "not_accepted" and item.decision_note == "Nặc danh"


def test_a_stale_page_gets_a_conflict(client, office):
    item = registered(office)
    client.force_login(office.alice)
    client.post(
        reverse("feedback:action", args=[item.pk]),
        {"action": "accept", "accept-version": item.version},
    )
    response = client.post(
        reverse("feedback:action", args=[item.pk]),
        {"action": "reject", "reject-version": item.version, "reject-note": "Trùng"},
    )
    assert response.status_code == 409


def test_staff_register_a_hotline_call_without_contact_details(client, office):
    client.force_login(office.alice)
    response = client.post(
        reverse("feedback:register"),
        {
            "channel": "hotline",
            "agency": office.committee_a.pk,
            "kind": "recommendation",
            "subject": "Đề nghị mở cửa sáng thứ Bảy",
            "content": "Người dân đi làm xa đề nghị mở thêm buổi sáng thứ Bảy.",
            "sender_name": "Người gọi đường dây nóng",
        },
    )
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert item.channel == "hotline" and item.history.get().actor == office.alice


def test_another_commune_cannot_register_for_commune_a(client, office):
    client.force_login(office.bob)
    response = client.post(
        reverse("feedback:register"),
        {
            "channel": "letter",
            "agency": office.committee_a.pk,
            "kind": "report",
            "subject": "x",
            "content": "y",
            "sender_name": "z",
        },
    )
    assert response.status_code == 400
    assert not FeedbackItem.objects.exists()


def overdue_item(office):
    item = registered(office)
    feedback_transition(
        item_id=item.pk, move=Move(action=Action.ACCEPT, expected_version=1), actor=office.alice
    )
    FeedbackItem.objects.filter(pk=item.pk).update(due_at=item.received_at - timedelta(days=1))
    return item


def test_overdue_feedback_shows_on_todays_work_and_in_the_overdue_queue(client, office):
    item = overdue_item(office)
    client.force_login(office.alice)
    today = client.get(reverse("counter:today"))
    sections = {section.key: section for section in today.context["sections"]}
    assert sections["feedback-overdue"].count == 1
    assert item.code in today.content.decode()
    queue = client.get(reverse("feedback:queue") + "?hang=overdue").content.decode()
    assert item.code in queue and "quá hạn" in queue
    client.force_login(office.bob)
    sections = {s.key: s for s in client.get(reverse("counter:today")).context["sections"]}
    assert sections["feedback-overdue"].count == 0


def test_the_queue_takes_the_same_queries_however_many_items(client, office):
    def queries() -> int:
        client.force_login(office.alice)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("feedback:queue")).status_code == 200
        return len(captured)

    for _ in range(2):
        overdue_item(office)
    few = queries()
    for _ in range(8):
        overdue_item(office)
    assert queries() == few


def test_the_dossier_page_shows_the_feedback_about_it(client, office):
    from catalog.models import ChannelTerm
    from catalog.tests.builders import published
    from dossiers.services import dossier_receive
    from dossiers.tests.conftest import reception_for

    office.version = published(agencies=[office.committee_a], days=3, fee=0)
    ChannelTerm.objects.filter(version=office.version).update(term_value=3)
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    item = registered(office, dossier=dossier)
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert item.code in page and reverse("feedback:item", args=[item.pk]) in page
