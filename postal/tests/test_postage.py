"""The postage: from the centre's price list when it has one, else from its carrier; owed by
the applicant through payments, taken in cash at the counter until paid online, and waived
when the delivery is cancelled before the post has the envelope."""

import pytest

from payments.models import Obligation
from payments.services_payments import counter_payment_record
from postal.errors import PostalError
from postal.models import Delivery, PostageRate
from postal.services_delivery import delivery_cancel, postage_quote
from postal.tests.helpers import received_by_post

pytestmark = pytest.mark.django_db


def _rates(office):
    for grams, inside, outside in ((100, 12_500, 15_500), (500, 19_000, 26_000)):
        PostageRate.objects.create(
            agency=office.centre_a, up_to_grams=grams, same_province=inside, other_province=outside
        )


def test_a_centre_with_a_price_list_prices_from_it(post_office):
    _rates(post_office)
    centre = post_office.centre_a
    assert postage_quote(agency=centre, commune=post_office.hoankiem, weight_grams=80) in (
        12_500,
        15_500,
    )
    assert postage_quote(agency=centre, commune=post_office.hoankiem, weight_grams=300) in (
        19_000,
        26_000,
    )
    dossier = received_by_post(post_office)
    delivery = Delivery.objects.get(dossier=dossier)
    assert delivery.postage in (12_500, 15_500)
    assert delivery.postage_obligation.amount == delivery.postage


def test_without_a_price_list_or_above_it_the_carrier_prices(post_office):
    _rates(post_office)
    # 2 kg is above the list: the demo carrier's table answers.
    heavy = postage_quote(
        agency=post_office.centre_a, commune=post_office.socson, weight_grams=2000
    )
    assert heavy not in (12_500, 15_500, 19_000, 26_000) and heavy > 0
    other = postage_quote(agency=post_office.centre_b, commune=post_office.socson, weight_grams=80)
    assert other in (13_000, 16_000)  # the demo carrier's table


def test_the_postage_is_taken_in_cash_at_the_counter_with_a_receipt(post_office):
    dossier = received_by_post(post_office)
    owed = Delivery.objects.get(dossier=dossier).postage_obligation
    attempt = counter_payment_record(
        obligation_id=owed.pk,
        method="cash",
        amount=owed.amount,
        payer_name="Nguyễn Văn An",
        actor=post_office.alice,
    )
    owed.refresh_from_db()
    assert owed.state == "paid" and attempt.state == "succeeded"
    assert owed.name == "Cước bưu chính trả kết quả"


def test_a_cancelled_delivery_owes_no_postage(post_office):
    dossier = received_by_post(post_office)
    delivery = Delivery.objects.get(dossier=dossier)
    with pytest.raises(PostalError):
        delivery_cancel(
            delivery_id=delivery.pk,
            expected_version=delivery.version,
            reason=" ",
            user=post_office.pat,
        )
    delivery_cancel(
        delivery_id=delivery.pk,
        expected_version=delivery.version,
        reason="Ông An đến nhận tại quầy",
        user=post_office.pat,
    )
    owed = Obligation.objects.get(pk=delivery.postage_obligation_id)
    assert owed.state == "waived" and "Ông An đến nhận tại quầy" in owed.reason


def test_the_post_clerk_takes_the_postage_in_cash_but_not_the_fees(client, post_office):
    from django.urls import reverse

    from payments.services_obligations import obligations_ensure

    dossier = received_by_post(post_office)
    postage = Delivery.objects.get(dossier=dossier).postage_obligation
    fee = next(o for o in obligations_ensure(dossier=dossier) if o.kind == "fee")
    client.force_login(post_office.pat)
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert reverse("payments:take", args=[postage.pk]) in page
    assert reverse("payments:take", args=[fee.pk]) not in page
    paid = {"method": "cash", "amount": str(fee.amount), "payer_name": "Nguyễn Văn An"}
    assert client.post(reverse("payments:take", args=[fee.pk]), paid).status_code == 403
    paid["amount"] = str(postage.amount)
    response = client.post(reverse("payments:take", args=[postage.pk]), paid)
    assert response.status_code == 302 and "/bien-lai/" in response.url
    postage.refresh_from_db()
    fee.refresh_from_db()
    assert (postage.state, fee.state) == ("paid", "due")
    assert client.get(response.url).status_code == 200  # the receipt, to print


def test_the_applicant_pays_the_postage_online_with_the_lookup_key(client, post_office):
    from django.urls import reverse

    from payments.models import PaymentAttempt
    from payments.views_pay import pay_url

    dossier = received_by_post(post_office)
    owed = Delivery.objects.get(dossier=dossier).postage_obligation
    page = client.get(pay_url(dossier)).content.decode()
    assert "Cước bưu chính trả kết quả" in page
    response = client.post(
        reverse("payments:pay"),
        {"ma": dossier.code, "kt": dossier.lookup_check, "khoan": owed.pk},
    )
    attempt = PaymentAttempt.objects.get(obligation=owed)
    assert response["Location"] == reverse("payments:demo_gateway", args=[attempt.reference])
    client.post(
        reverse("payments:demo_gateway", args=[attempt.reference]), {"ket-qua": "thanh-cong"}
    )
    owed.refresh_from_db()
    assert owed.state == "paid"
    assert owed.attempts.get().method == "online"
