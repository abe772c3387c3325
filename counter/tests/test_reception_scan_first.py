"""The ID card can be scanned before the procedure is chosen: the card is held while the
officer finds the procedure, then fills the applicant exactly as a scan on the form does."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from citizens.models import Citizen
from counter.tests.test_reception_scan import AN, AN_CARD, RECEPTION
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_a_card_scanned_first_fills_the_applicant_once_the_procedure_is_chosen(client, office):
    client.force_login(office.alice)
    first = client.get(RECEPTION)
    assert first.context["card"] is None
    assert 'name="card" id="id_card"' in first.content.decode()
    scanned = client.post(RECEPTION + "?q=khai+sinh", {"card": AN_CARD + "\r\n"})
    assert scanned.status_code == 302
    assert scanned.url == RECEPTION + "?q=khai+sinh"  # back to the same search
    listing = client.get(scanned.url)
    assert listing.context["card"].full_name == "Nguyễn Văn An"
    assert "Nguyễn Văn An" in listing.content.decode()
    assert office.version in listing.context["versions"]
    assert not Citizen.objects.exists()  # nothing is recorded before the reception itself
    form = client.get(RECEPTION, {"thu_tuc": office.version.pk}).context["form"]
    assert form["id_number"].value() == AN
    assert form["full_name"].value() == "Nguyễn Văn An"
    assert form["birth_date"].value() == "15/03/1990"
    assert form["card"].value() == ""
    assert Citizen.objects.get().id_number == AN
    # Used once: the next reception starts empty.
    again = client.get(RECEPTION, {"thu_tuc": office.version.pk}).context["form"]
    assert not again["full_name"].value()
    assert not Dossier.objects.exists()


def test_the_card_scanned_first_is_received_with_the_dossier(client, office):
    client.force_login(office.alice)
    client.post(RECEPTION, {"card": AN_CARD})
    page = client.get(RECEPTION, {"thu_tuc": office.version.pk})
    form = page.context["form"]
    data = {
        name: form[name].value() for name in form.fields if form[name].value() not in (None, False)
    }
    document = office.version.documents.get(name="Tờ khai theo mẫu")
    data.update(
        {
            "thu_tuc": office.version.pk,
            f"doc_{document.pk}": "on",
        }
    )
    response = client.post(RECEPTION, data)
    assert response.status_code == 302
    applicant = Dossier.objects.get().applicants.get()
    assert (applicant.full_name, applicant.id_number) == ("Nguyễn Văn An", AN)


def test_a_text_that_is_not_a_card_is_refused_on_the_procedure_list(client, office):
    client.force_login(office.alice)
    response = client.post(RECEPTION, {"card": "khai sinh"})
    assert response.status_code == 400
    assert response.context["card_error"]
    assert response.context["card"] is None


def test_a_card_held_too_long_or_forgotten_fills_nothing(client, office):
    client.force_login(office.alice)
    client.post(RECEPTION, {"card": AN_CARD})
    with time_machine.travel(timezone.now() + timedelta(minutes=20)):
        form = client.get(RECEPTION, {"thu_tuc": office.version.pk}).context["form"]
    assert not form["full_name"].value()
    client.post(RECEPTION, {"card": AN_CARD})
    client.post(RECEPTION, {"decision": "forget"})
    assert client.get(RECEPTION).context["card"] is None
    form = client.get(RECEPTION, {"thu_tuc": office.version.pk}).context["form"]
    assert not form["full_name"].value()
