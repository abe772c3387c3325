"""The polling worker: `manage.py poll_deliveries` asks the carrier about the deliveries with
the post against the fake LGSP (real HTTP), survives a carrier that is down, and `make run`
starts it beside the other workers."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from dossiers.models import Dossier
from dossiers.workflow import State
from postal.lifecycle import DeliveryState
from postal.tests.test_vnpost import _oid, _ordered, lgsp  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_command_polls_once_and_returns_the_delivered_dossier(post_office, lgsp):  # noqa: F811
    delivery = _ordered(post_office)
    start = timezone.now() - timedelta(hours=1)
    lgsp.documents = [
        {"orderNumber": delivery.order_number, "statusCode": code, "id": {"oid": _oid(at)}}
        for code, at in (("7", start), ("14", start + timedelta(minutes=30)))
    ]
    out = io.StringIO()
    call_command("poll_deliveries", stdout=out)
    assert "2 delivery status(es) changed" in out.getvalue()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED
    assert Dossier.objects.get(pk=delivery.dossier_id).state == State.RETURNED
    # A second round finds the same reports: nothing moves twice.
    out = io.StringIO()
    call_command("poll_deliveries", stdout=out)
    assert "0 delivery status(es) changed" in out.getvalue()


def test_a_carrier_that_is_down_does_not_stop_the_round(post_office, lgsp, settings):  # noqa: F811
    delivery = _ordered(post_office)
    settings.VNPOST_URL = "http://127.0.0.1:9/lgsp"  # nothing listens there
    out = io.StringIO()
    call_command("poll_deliveries", stdout=out)
    assert "0 delivery status(es) changed" in out.getvalue()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ORDERED


def test_make_run_starts_the_polling_worker():
    makefile = (Path(django_settings.BASE_DIR) / "Makefile").read_text()
    run = makefile.split("\nrun: setup", 1)[1].split("\n\n", 1)[0]
    assert "manage.py poll_deliveries --every" in run
