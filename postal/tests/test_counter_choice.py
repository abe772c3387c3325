"""At the counter, choosing the result by post leads straight to its address, phone and
postage: the same delivery request as the post clerk's and the online submission's."""

import pytest
from django.urls import reverse

from counter.tests.test_reception_page import reception_data
from dossiers.models import Dossier
from dossiers.tests.test_workspace import RECEPTION
from postal.models import Delivery

pytestmark = pytest.mark.django_db


def test_choosing_the_post_at_the_counter_asks_for_the_address_next(client, post_office):
    client.force_login(post_office.alice)
    response = client.post(RECEPTION, reception_data(client, post_office, return_method="post"))
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("postal:request", args=[dossier.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    bad = client.post(
        response.url,
        {
            "addr-recipient_name": "Trần Thị Bình",
            "addr-street": "12 Hàng Bài",
            "addr-province": post_office.hanoi.pk,
            "addr-commune": "Ba Đình Cũ",
            "addr-phone": "0912345678",
        },
    )
    assert bad.status_code == 400 and "Không có xã, phường" in bad.content.decode()
    assert not Delivery.objects.exists()
    done = client.post(
        response.url,
        {
            "addr-recipient_name": "Trần Thị Bình",
            "addr-street": "12 Hàng Bài",
            "addr-province": post_office.hanoi.pk,
            "addr-commune": "Phường Hoàn Kiếm",
            "addr-phone": "0912 345 678",
        },
    )
    delivery = Delivery.objects.get(dossier=dossier)
    assert done.url == reverse("postal:delivery", args=[delivery.pk])
    assert delivery.postage_obligation.amount == delivery.postage > 0
