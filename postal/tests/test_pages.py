"""The clerk's pages: access (R5), Vietnamese messages for bad input, the label's barcode."""

import io

import pytest
from django.urls import reverse

from dossiers.models import Dossier
from postal.models import Delivery, InboundItem
from postal.services_delivery import delivery_order
from postal.tests.helpers import received_by_post, to_result_ready

pytestmark = pytest.mark.django_db


def test_the_clerk_sees_postal_dossiers_of_her_centre_only(client, post_office):
    from dossiers.services import dossier_receive
    from dossiers.tests.conftest import reception_for

    postal = received_by_post(post_office)
    at_counter = dossier_receive(reception=reception_for(post_office), actor=post_office.alice)
    client.force_login(post_office.pat)
    assert client.get(reverse("dossiers:dossier", args=[postal.pk])).status_code == 200
    assert client.get(reverse("dossiers:dossier", args=[at_counter.pk])).status_code == 404
    client.force_login(post_office.paul)  # the clerk of commune B
    assert client.get(reverse("dossiers:dossier", args=[postal.pk])).status_code == 404
    delivery = Delivery.objects.get(dossier=postal)
    assert client.get(reverse("postal:delivery", args=[delivery.pk])).status_code == 404
    item = InboundItem.objects.get(dossier=postal)
    assert client.get(reverse("postal:register", args=[item.pk])).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "ivy", "bob"])
def test_people_without_postal_work_there_get_nothing(client, post_office, who):
    delivery = Delivery.objects.get(dossier=received_by_post(post_office))
    if who != "anonymous":
        client.force_login(getattr(post_office, who))
    for url in (
        reverse("postal:delivery", args=[delivery.pk]),
        reverse("postal:label", args=[delivery.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
    response = client.post(reverse("postal:demo-push", args=[delivery.pk]), {"status": "delivered"})
    assert response.status_code in (302, 403, 404)
    assert not delivery.events.exists()


def test_the_start_page_lists_the_envelope_to_register(client, post_office):
    client.force_login(post_office.pat)
    response = client.post(
        reverse("postal:arrival"),
        {
            "agency": post_office.centre_a.pk,
            "item_number": "eb 123456785 vn",
            "sender_name": "Nguyễn Văn An",
        },
    )
    item = InboundItem.objects.get()
    assert item.item_number == "EB123456785VN"
    assert response.url == reverse("postal:register", args=[item.pk])
    assert "EB123456785VN" in client.get(reverse("postal:today")).content.decode()
    assert client.get(reverse("counter:start")).url == reverse("postal:today")


def test_a_mistyped_item_number_and_phone_are_explained_in_vietnamese(client, post_office):
    client.force_login(post_office.pat)
    response = client.post(
        reverse("postal:arrival"),
        {
            "agency": post_office.centre_a.pk,
            "item_number": "EB123456784VN",
            "sender_name": "A",
            "sender_phone": "12345",
        },
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    page = response.content.decode()
    assert "chữ số kiểm tra" in page
    assert "12345" in page and not InboundItem.objects.exists()


def test_registering_with_an_unknown_commune_says_so_and_saves_nothing(client, post_office):
    client.force_login(post_office.pat)
    client.post(
        reverse("postal:arrival"),
        {"agency": post_office.centre_a.pk, "item_number": "EB123456785VN", "sender_name": "An"},
    )
    item = InboundItem.objects.get()
    document = post_office.version.documents.get()
    url = reverse("postal:register", args=[item.pk]) + f"?thu-tuc={post_office.version.pk}"
    data = {
        "thu-tuc": post_office.version.pk,
        "submission_key": "8b0a1b9e-4a52-4a8b-9d0c-2f3f8c0e1a11",
        "competent_agency": post_office.committee_a.pk,
        "full_name": "Nguyễn Văn An",
        "id_number": "001090012345",
        "receipt_sent_by": "post",
        "return_method": "post",
        f"doc_{document.pk}": "on",
        "addr-recipient_name": "Nguyễn Văn An",
        "addr-street": "12 Hàng Bài",
        "addr-province": post_office.hanoi.pk,
        "addr-commune": "Hoàn Kiếm cũ",
        "addr-phone": "0912345678",
    }
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "Không có xã, phường" in response.content.decode()
    assert not Dossier.objects.exists()
    data["addr-commune"] = "hoan kiem"  # without diacritics nor "Phường": found
    response = client.post(url, data)
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:dossier", args=[dossier.pk])
    assert dossier.channel == "3"
    assert Delivery.objects.get(dossier=dossier).commune == post_office.hoankiem


def test_the_label_carries_the_item_number_as_a_readable_code_128(client, post_office):
    """The PDF is rendered with pdftoppm and the barcode read back from the picture."""
    import shutil
    import subprocess
    import tempfile

    import zxingcpp
    from PIL import Image

    dossier = to_result_ready(post_office, received_by_post(post_office))
    delivery = Delivery.objects.get(dossier=dossier)
    delivery = delivery_order(
        delivery_id=delivery.pk, expected_version=delivery.version, user=post_office.pat
    )
    client.force_login(post_office.pat)
    response = client.get(reverse("postal:label", args=[delivery.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        pdf = f"{folder}/label.pdf"
        with open(pdf, "wb") as handle:
            handle.write(
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        subprocess.run(["pdftoppm", "-r", "200", "-png", pdf, f"{folder}/page"], check=True)
        (page,) = [name for name in __import__("os").listdir(folder) if name.endswith(".png")]
        found = zxingcpp.read_barcodes(Image.open(f"{folder}/{page}"))
    assert delivery.item_number in [barcode.text for barcode in found]


def test_the_barcode_svg_decodes_to_the_item_number():
    import zxingcpp
    from PIL import Image

    from postal.label import code128_svg

    svg = code128_svg("EB123456785VN")
    assert svg.startswith("<svg")
    barcode = zxingcpp.create_barcode("EB123456785VN", zxingcpp.BarcodeFormat.Code128)
    image = Image.fromarray(barcode.to_image(scale=3)) if hasattr(barcode, "to_image") else None
    if image is not None:
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        (found,) = zxingcpp.read_barcodes(image)
        assert found.text == "EB123456785VN"


def test_the_start_page_costs_the_same_queries_with_one_envelope_or_many(
    client, post_office, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from postal.services_inbound import item_arrival_record

    received_by_post(post_office)
    client.force_login(post_office.pat)
    url = reverse("postal:today")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(5):
        received_by_post(post_office, number=f"EB00000{number}XX")
        item_arrival_record(
            agency=post_office.centre_a,
            item_number=f"EB10000{number}XX",
            sender_name="B",
            user=post_office.pat,
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
