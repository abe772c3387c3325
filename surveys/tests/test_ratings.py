"""Ratings after a returned dossier: one invitation per dossier, one answer per token (also
under concurrency on PostgreSQL), the kiosk page, and figures for leaders that never identify
the citizen."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from notifications.models import Notification
from org.models import Role
from org.tests.factories import UserFactory, give_role
from surveys.models import AnswerChannel, Rating, Score
from surveys.services import rating_answer, rating_invite

pytestmark = pytest.mark.django_db


def test_returning_a_result_invites_the_applicant_once(office, returned):
    rating = Rating.objects.get(dossier=returned)
    assert rating.officer == office.alice and rating.answered_at is None
    assert len(rating.token) >= 20
    sms = Notification.objects.get(object_type="surveys.rating", object_id=str(rating.pk))
    assert sms.recipient == "0912345678" and f"/danh-gia/{rating.token}/" in sms.body
    # The event delivered twice still makes one invitation.
    assert rating_invite(dossier=returned) == rating
    assert Rating.objects.count() == 1


def test_the_citizen_answers_once_and_a_second_answer_changes_nothing(client, returned):
    rating = Rating.objects.get(dossier=returned)
    url = reverse("surveys:rate", args=[rating.token])
    page = client.get(url + "?quay=1").content.decode()
    assert page.count('name="score"') == 3 and "Rất hài lòng" in page
    response = client.post(url + "?quay=1", {"score": "3", "reason": "Cán bộ tận tình"})
    assert "Cảm ơn" in response.content.decode()
    again = client.post(url, {"score": "1", "reason": "nhồi phiếu"})
    assert "đã được đánh giá" in again.content.decode()
    rating.refresh_from_db()
    assert (rating.score, rating.reason, rating.channel) == (
        Score.VERY_SATISFIED,
        "Cán bộ tận tình",
        AnswerChannel.KIOSK,
    )


@pytest.mark.parametrize("score", ["", "4", "abc"])
def test_a_malformed_answer_is_refused_with_a_message(client, returned, score):
    rating = Rating.objects.get(dossier=returned)
    response = client.post(reverse("surveys:rate", args=[rating.token]), {"score": score})
    assert response.status_code == 400
    assert "Xin chọn một trong ba câu trả lời" in response.content.decode()
    rating.refresh_from_db()
    assert rating.answered_at is None


def test_an_unknown_token_is_a_404(client, db):
    assert client.get(reverse("surveys:rate", args=["khong-co"])).status_code == 404


def test_the_dossier_page_offers_the_rating_screen_after_the_return(client, office, returned):
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:dossier", args=[returned.pk])).content.decode()
    rating = Rating.objects.get(dossier=returned)
    assert reverse("surveys:rate", args=[rating.token]) in page and "<svg" in page


def test_leaders_see_counts_per_agency_and_officer_never_the_dossier(client, office, returned):
    rating = Rating.objects.get(dossier=returned)
    rating_answer(token=rating.token, score=1, reason="Chờ quá lâu", channel="link")
    client.force_login(office.leo)
    page = client.get(reverse("surveys:figures"), {"ky": str(rating.created_at.year)})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chờ quá lâu" in html and office.alice.full_name in html
    assert returned.code not in html and "Nguyễn Văn An" not in html
    assert "quá ít ý kiến" in html


def test_the_officer_does_not_see_the_figures(client, office, returned):
    client.force_login(office.alice)
    assert client.get(reverse("surveys:figures")).status_code == 403


def test_another_communes_leader_sees_nothing_of_commune_a(client, office, returned):
    other = UserFactory(username="lena")
    give_role(other, office.committee_b, Role.LEADER)
    client.force_login(other)
    html = client.get(reverse("surveys:figures")).content.decode()
    assert office.alice.full_name not in html


@pytest.mark.django_db(transaction=True)
def test_one_answer_per_token_when_many_arrive_at_once(office, returned):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite serialises every write)")
    rating = Rating.objects.get(dossier=returned)
    barrier = threading.Barrier(6)
    results = []

    def answer(score):
        try:
            barrier.wait()
            results.append(
                rating_answer(token=rating.token, score=score, reason="", channel="link")
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(1 + n % 3,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 5 + [True]
    rating.refresh_from_db()
    assert rating.answered_at is not None
