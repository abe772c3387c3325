"""Receiving and moving dossiers through the API: the same services as the pages."""

import pytest
from django.urls import reverse

from api.tests.conftest import api
from dossiers.models import Dossier, StatusChange
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for

pytestmark = pytest.mark.django_db


def receive_body(office, **changes) -> dict:
    body = {
        "procedure_version": office.version.pk,
        "applicant": {
            "full_name": "Lê Thị Hoa",
            "id_number": "001190054321",
            "phone": "0987654321",
        },
        "documents_received": [d.pk for d in office.version.documents.all()],
        "submission_key": "ke-toan-0001",
    }
    body.update(changes)
    return body


def test_a_counter_key_receives_a_dossier_with_its_code_history_and_audit(keys):
    response = api(keys.counter_key).post(
        reverse("api:dossiers"), receive_body(keys), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    dossier = Dossier.objects.get(pk=body["id"])
    assert body["code"] == dossier.code and body["state"] == "accepted"
    assert dossier.receiving_agency == keys.centre_a
    assert dossier.applicants.get().id_number == "001190054321"
    assert StatusChange.objects.filter(dossier=dossier, action="receive").count() == 1
    assert dossier.documents.get().received


def test_the_same_submission_key_again_returns_the_same_dossier(keys):
    client = api(keys.counter_key)
    first = client.post(reverse("api:dossiers"), receive_body(keys), format="json")
    again = client.post(reverse("api:dossiers"), receive_body(keys), format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Dossier.objects.count() == 2  # the fixture's and this one


def test_invalid_input_is_400_with_the_messages_of_each_field(keys):
    response = api(keys.counter_key).post(
        reverse("api:dossiers"),
        receive_body(keys, applicant={"full_name": "", "id_number": "12"}),
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert {"applicant.full_name", "applicant.id_number"} <= set(body["fields"])


def test_the_phone_is_stored_as_the_counter_stores_it_and_a_wrong_one_is_refused(keys):
    client = api(keys.counter_key)
    applicant = {"full_name": "Lê Thị Hoa", "phone": "+84 987 654 321"}
    response = client.post(
        reverse("api:dossiers"), receive_body(keys, applicant=applicant), format="json"
    )
    assert response.status_code == 201
    dossier = Dossier.objects.get(pk=response.json()["id"])
    assert dossier.applicants.get().phone == "0987654321"
    wrong = {"full_name": "Lê Thị Hoa", "phone": "goi-cho-toi"}
    refused = client.post(
        reverse("api:dossiers"),
        receive_body(keys, applicant=wrong, submission_key="khac"),
        format="json",
    )
    assert refused.status_code == 400 and "applicant.phone" in refused.json()["fields"]


def test_a_body_that_is_not_json_is_refused_in_json(keys):
    response = api(keys.counter_key).post(
        reverse("api:dossiers"), "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed"


def test_a_procedure_the_agency_does_not_receive_is_404(keys):
    response = api(keys.other_key).post(reverse("api:dossiers"), receive_body(keys), format="json")
    assert response.status_code == 404


def test_a_transition_with_the_current_version_moves_the_dossier(keys):
    dossier = keys.dossier
    response = api(keys.handler_key).post(
        reverse("api:dossier-transition", args=[dossier.pk]),
        {"action": "assign", "version": dossier.version, "assignee": "sophie"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    dossier.refresh_from_db()
    assert dossier.state == "in_progress" and dossier.assignee == keys.sophie
    assert response.json()["version"] == dossier.version == 2


def test_a_stale_version_is_409_and_changes_nothing(keys):
    dossier = keys.dossier
    url = reverse("api:dossier-transition", args=[dossier.pk])
    client = api(keys.handler_key)
    first = client.post(
        url, {"action": "assign", "version": 1, "assignee": "sophie"}, format="json"
    )
    assert first.status_code == 200
    history = StatusChange.objects.filter(dossier=dossier).count()
    stale = client.post(url, {"action": "assign", "version": 1, "assignee": "leo"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"
    assert "vừa thay đổi" in stale.json()["message"] or stale.json()["message"]
    dossier.refresh_from_db()
    assert dossier.assignee == keys.sophie and dossier.version == 2
    assert StatusChange.objects.filter(dossier=dossier).count() == history


def test_an_assignee_outside_the_agency_is_refused(keys):
    response = api(keys.handler_key).post(
        reverse("api:dossier-transition", args=[keys.dossier.pk]),
        {"action": "assign", "version": 1, "assignee": "bob"},
        format="json",
    )
    assert response.status_code == 400
    assert "assignee" in response.json()["fields"]


def test_the_list_pages_by_cursor_without_repeating_a_row(keys):
    for number in range(11):
        dossier_receive(
            reception=reception_for(keys, submission_key=f"k{number}"), actor=keys.alice
        )
    client = api(keys.counter_key)
    url, seen = reverse("api:dossiers") + "?page_size=5", []
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert len(seen) == 12 == len(set(seen))
    assert seen == sorted(seen, reverse=True)


def test_the_list_filters_by_state_and_search(keys):
    client = api(keys.counter_key)
    assert client.get(reverse("api:dossiers"), {"state": "returned"}).json()["results"] == []
    found = client.get(reverse("api:dossiers"), {"q": keys.dossier.code}).json()["results"]
    assert [row["id"] for row in found] == [keys.dossier.pk]
    exact = client.get(reverse("api:dossiers"), {"code": keys.dossier.code.lower()}).json()
    assert [row["id"] for row in exact["results"]] == [keys.dossier.pk]
    bad = client.get(reverse("api:dossiers"), {"state": "nope"})
    assert bad.status_code == 400 and "state" in bad.json()["fields"]


def test_the_detail_names_the_actions_the_key_may_take(keys):
    detail = api(keys.handler_key).get(reverse("api:dossier", args=[keys.dossier.pk])).json()
    assert "assign" in detail["actions"]
    assert detail["applicants"][0]["full_name"] == "Nguyễn Văn An"


def test_documents_and_payments_show_the_checklist_and_the_fee(keys):
    client = api(keys.counter_key)
    documents = client.get(reverse("api:dossier-documents", args=[keys.dossier.pk])).json()
    assert [d["name"] for d in documents] == ["Tờ khai theo mẫu"]
    payments = client.get(reverse("api:dossier-payments", args=[keys.dossier.pk])).json()
    assert [fee["amount"] for fee in payments["fees"]] == [8000]
