"""The citizen chooses to get the result by post when submitting online: the address is
checked against the administrative units since 01/07/2025 and the phone like at the counter,
with Vietnamese messages, and the submission makes the same delivery request — postage owed
through payments — as the counter and the post clerk do."""

import pytest
from django.urls import reverse

from catalog.tests.builders import published
from dossiers.models import Dossier
from online.tests.conftest import photo, sign_in
from online.tests.test_submission import answers, slot_of, start
from org.models import TWO_TIER_REFORM, AdministrativeUnit, UnitLevel
from postal.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def by_post(portal):
    portal.version = published(
        code="1.001200",
        name="Thủ tục cấp bản sao giấy khai sinh",
        agencies=[portal.committee_a],
        online_level="partial",
        postal=True,
        days=3,
    )
    portal.hanoi = AdministrativeUnit.objects.create(
        code="01",
        name="Thành phố Hà Nội",
        level=UnitLevel.PROVINCE,
        division_type="thành phố",
        effective_from=TWO_TIER_REFORM,
    )
    portal.hoankiem = AdministrativeUnit.objects.create(
        code="00070",
        name="Phường Hoàn Kiếm",
        level=UnitLevel.COMMUNE,
        division_type="phường",
        parent=portal.hanoi,
        effective_from=TWO_TIER_REFORM,
    )
    return portal


def _address(portal, **changes):
    values = {
        "return_method": "post",
        "addr-recipient_name": "Nguyễn Văn An",
        "addr-street": "12 Hàng Bạc",
        "addr-province": str(portal.hanoi.pk),
        "addr-commune": "hoan kiem",
        "addr-phone": "0912 345 678",
    }
    values.update(changes)
    return values


def _submit(client, portal, **changes):
    sign_in(client, portal.an)
    draft_url = start(client, portal.version)
    return client.post(
        draft_url,
        {
            **answers(portal),
            **_address(portal, **changes),
            slot_of(portal.version): [photo("red", "a.jpg")],
            "action": "submit",
        },
    )


def test_choosing_the_post_online_makes_the_same_delivery_request(client, by_post):
    response = _submit(client, by_post)
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    assert dossier.return_method == "post" and dossier.channel == "2"
    delivery = Delivery.objects.get(dossier=dossier)
    assert delivery.commune == by_post.hoankiem and delivery.street == "12 Hàng Bạc"
    assert delivery.phone == "0912345678" and delivery.state == "requested"
    assert delivery.postage > 0 and delivery.requested_by is None
    owed = delivery.postage_obligation
    assert (owed.kind, owed.amount, owed.state) == ("postage", delivery.postage, "due")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"addr-commune": "Phường Ba Đình Cũ"}, "Không có xã, phường"),
        ({"addr-phone": "12345"}, "số điện thoại"),
        ({"addr-province": ""}, "Chọn tỉnh hoặc thành phố"),
    ],
)
def test_a_bad_address_or_phone_is_explained_and_nothing_is_saved(
    client, by_post, changes, message
):
    response = _submit(client, by_post, **changes)
    assert response.status_code == 400
    page = response.content.decode()
    assert message.lower() in page.lower(), page[page.find("errorlist") - 500 :][:1500]
    assert not Dossier.objects.exists() and not Delivery.objects.exists()


def test_collecting_at_the_counter_asks_for_no_address(client, by_post):
    response = _submit(client, by_post, **{"return_method": "counter", "addr-commune": ""})
    assert response.status_code == 302
    assert Dossier.objects.get().return_method == "counter"
    assert not Delivery.objects.exists()


def test_the_draft_page_shows_the_address_fields(client, by_post):
    sign_in(client, by_post.an)
    page = client.get(start(client, by_post.version), follow=True).content.decode()
    assert 'name="addr-commune"' in page and 'name="addr-province"' in page
    assert reverse("online:start", args=[by_post.version.procedure_id])
