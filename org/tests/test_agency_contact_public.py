"""What an agency administrator saves is what citizens read where the agency is named: the
public catalogue's "where to submit", the notice board, and the receipt's return place."""

from datetime import time

import pytest
from django.urls import reverse

from catalog.tests.builders import published
from org.services import agency_update_contact

pytestmark = pytest.mark.django_db


def _save(agency, actor, **changes):
    values = {
        "address": "Số 1 phố Hàng Trống, Hà Nội",
        "phone": "024 3825 3536",
        "email": "",
        "opens_at": time(7, 30),
        "closes_at": time(17, 0),
        "same_day_cutoff": time(15, 30),
    }
    return agency_update_contact(agency=agency, actor=actor, **(values | changes))


def test_the_procedure_page_shows_the_counters_address_phone_hours_and_cutoff(client, cast):
    version = published(agencies=[cast.committee_a])
    _save(cast.centre_a, cast.ada)
    body = client.get(reverse("portal:procedure", args=[version.procedure_id])).content.decode()
    assert "Số 1 phố Hàng Trống, Hà Nội" in body
    assert "024 3825 3536" in body
    assert "07:30–17:00" in body
    assert "nộp trước 15:30" in body


def test_the_notice_board_of_an_agency_shows_where_and_when_to_come(client, cast):
    published(agencies=[cast.committee_a])
    _save(cast.committee_a, cast.ada, address="Số 2 Lê Lai, Xã An", phone="024 3111 2222")
    url = reverse("portal:notice-board", args=["tat-ca"])
    body = client.get(url, {"co_quan": cast.committee_a.code}).content.decode()
    assert "Số 2 Lê Lai, Xã An" in body
    assert "024 3111 2222" in body
