"""R5 for the postal pages, the cast extended with a post-office clerk at each centre: every
postal page (GET and POST) × who — each clerk and receiving officer reaches the own centre's
envelopes and deliveries and gets 404 for the other's, the roles without postal work get 403,
and a clerk sees postal work only: no counter dossier, no feedback, no reports."""

import pytest
from django.urls import reverse

from conftest import login_verified
from dossiers.models import Dossier
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from postal.models import Delivery, InboundItem
from postal.services_inbound import item_arrival_record, item_register
from postal.tests.helpers import address, reception

pytestmark = pytest.mark.django_db


def _postal_work(office, key):
    centre, committee, clerk, number = {
        "a": (office.centre_a, office.committee_a, office.pat, "EB123456785VN"),
        "b": (office.centre_b, office.committee_b, office.paul, "EB000000014VN"),
    }[key]
    registered = item_arrival_record(
        agency=centre, item_number=number, sender_name="Nguyễn Văn An", user=clerk
    )
    dossier = item_register(
        item_id=registered.pk,
        reception=reception(office, receiving_agency=centre, competent_agency=committee),
        receipt_sent_by="post",
        address=address(office),
        user=clerk,
    )
    waiting = item_arrival_record(
        agency=centre, item_number=f"RR{key}12345", sender_name="Trần Thị Bé", user=clerk
    )
    return {
        "dossier": dossier,
        "item": InboundItem.objects.get(pk=registered.pk),
        "waiting": waiting,
        "delivery": Delivery.objects.get(dossier=dossier),
    }


def _calls(work):
    delivery, waiting, item = work["delivery"], work["waiting"], work["item"]
    version = {"version": delivery.version}
    return [
        ("get", reverse("postal:register", args=[waiting.pk]), None),
        ("post", reverse("postal:send-back", args=[waiting.pk]), {"reason": "Thiếu tờ khai"}),
        ("post", reverse("postal:posted-back", args=[item.pk]), {}),
        ("get", reverse("postal:delivery", args=[delivery.pk]), None),
        ("get", reverse("postal:label", args=[delivery.pk]), None),
        ("post", reverse("postal:demo-push", args=[delivery.pk]), {"status": "delivered"}),
        (
            "post",
            reverse("postal:delivery-act", args=[delivery.pk, "huy"]),
            version | {"reason": "x"},
        ),
        ("get", reverse("dossiers:dossier", args=[work["dossier"].pk]), None),
    ]


@pytest.fixture
def works(post_office):
    return {"a": _postal_work(post_office, "a"), "b": _postal_work(post_office, "b")}


def _unchanged(works):
    for work in works.values():
        assert InboundItem.objects.get(pk=work["waiting"].pk).state == "arrived"
        assert InboundItem.objects.get(pk=work["item"].pk).posted_back_at is None
        delivery = Delivery.objects.get(pk=work["delivery"].pk)
        assert delivery.state == "requested" and not delivery.events.exists()


@pytest.mark.parametrize("name, own", [("pat", "a"), ("alice", "a"), ("paul", "b"), ("bob", "b")])
def test_postal_staff_reach_their_centre_and_get_404_for_the_other(
    client, post_office, works, name, own
):
    client.force_login(getattr(post_office, name))
    other = "b" if own == "a" else "a"
    for method, url, data in _calls(works[other]):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, (name, method, url)
    _unchanged(works)
    # The label waits for the order: the page sends the clerk back to the delivery.
    for method, url, data in _calls(works[own])[:1] + _calls(works[own])[3:5]:
        assert getattr(client, method)(url, data or {}).status_code in (200, 302), (name, url)
    today = client.get(reverse("postal:today")).content.decode()
    assert works[own]["waiting"].item_number in today
    assert works[other]["waiting"].item_number not in today


@pytest.mark.parametrize("name", ["ivy", "ada", "sophie", "leo"])
def test_roles_without_postal_work_get_403_and_change_nothing(client, post_office, works, name):
    login_verified(client, getattr(post_office, name))
    assert client.get(reverse("postal:today")).status_code == 403
    for work in works.values():
        for method, url, data in _calls(work)[:-1]:  # the dossier page has its own R5 tests
            assert getattr(client, method)(url, data or {}).status_code in (403, 404), (name, url)
    _unchanged(works)


def test_the_clerk_sees_postal_work_only(client, post_office, works):
    at_counter = dossier_receive(reception=reception_for(post_office), actor=post_office.alice)
    client.force_login(post_office.pat)
    assert client.get(reverse("dossiers:dossier", args=[at_counter.pk])).status_code == 404
    queue = client.get(reverse("dossiers:queue")).content.decode()
    assert works["a"]["dossier"].code in queue and at_counter.code not in queue
    assert works["b"]["dossier"].code not in queue
    for name in (
        "feedback:queue",
        "reports:statistics",
        "reports:par",
        "reports:index766",
        "counter:counts",  # the office's figures, not the post's
    ):
        assert client.get(reverse(name)).status_code == 403, name
    menu = client.get(reverse("postal:today")).content.decode()
    assert reverse("feedback:queue") not in menu and reverse("reports:statistics") not in menu
    assert reverse("counter:counts") not in menu
    assert Dossier.objects.count() == 3
