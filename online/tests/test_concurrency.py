"""R2 from a slow phone: the same draft submitted ten times at once (a double tap, a retry
after a dropped connection) makes one dossier, and every answer leads to it."""

import pytest
from django.test import Client
from django.urls import reverse

from dossiers.models import Dossier
from dossiers.tests.test_concurrency import at_once, errors_of
from online.tests.conftest import photo, sign_in
from online.tests.test_submission import answers, slot_of, start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]


def test_one_draft_submitted_ten_times_at_once_makes_one_dossier(portal):
    client = sign_in(Client(), portal.an)
    draft_url = start(client, portal.partial)
    saved = client.post(
        draft_url, {**answers(portal), slot_of(portal.partial): [photo()], "action": "save"}
    )
    assert saved.status_code == 302
    cookies = client.cookies

    def submit(_):
        tap = Client()
        tap.cookies = cookies
        return tap.post(draft_url, {**answers(portal), "action": "submit"})

    outcomes = at_once(10, submit)

    assert errors_of(outcomes) == []
    dossier = Dossier.objects.get()
    target = reverse("online:dossier", args=[dossier.pk])
    assert {(answer.status_code, answer["Location"]) for answer, _ in outcomes} == {(302, target)}
    assert dossier.documents.get().files.count() == 1
