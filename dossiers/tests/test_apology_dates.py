"""An apology letter issued after the due date must promise a moment still ahead: the new date
comes after now and after the original due date, checked by the form (beside the field) and
by the service (whatever calls it)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dossiers.models import Dossier
from dossiers.services import WorkflowError
from dossiers.tests.test_workspace import MONDAY_9, act, action_url, receive
from dossiers.workflow import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(office):
    """Received Monday 09:00, due Thursday 17:00, assigned; the clock then stands on the
    Saturday after, two days past the due date."""
    with time_machine.travel(MONDAY_9, tick=False) as clock:
        dossier = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
        clock.move_to(dossier.due_at + timedelta(days=2))
        yield dossier


def test_the_service_refuses_a_new_date_already_past_even_if_after_the_due_date(office, late):
    with pytest.raises(WorkflowError, match="sau thời điểm hiện tại"):
        act(
            office,
            late,
            "sophie",
            Action.APOLOGISE,
            reason="Chờ xác minh",
            new_due_at=late.due_at + timedelta(hours=2),
        )
    fresh = Dossier.objects.get(pk=late.pk)
    assert fresh.extended_due_at is None
    assert fresh.version == late.version


def test_the_apology_form_explains_a_past_new_date_beside_the_field(client, office, late):
    client.force_login(office.leo)
    new_date = timezone.localtime(late.due_at + timedelta(hours=2))
    response = client.post(
        action_url(late),
        {
            "action": "apologise",
            "version": late.version,
            "reason": "Chờ xác minh",
            "new_due_at": f"{new_date:%d/%m/%Y %H:%M}",
        },
    )
    assert response.status_code == 400
    bound = next(form for form in response.context["action_forms"] if form.is_bound)
    assert bound.errors["new_due_at"] == ["Ngày hẹn mới phải sau thời điểm hiện tại."]
    assert Dossier.objects.get(pk=late.pk).extended_due_at is None


def test_the_apology_form_refuses_a_new_date_before_the_due_date(client, office):
    with time_machine.travel(MONDAY_9, tick=False):
        dossier = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
        client.force_login(office.leo)
        before_due = timezone.localtime(dossier.due_at - timedelta(hours=1))
        response = client.post(
            action_url(dossier),
            {
                "action": "apologise",
                "version": dossier.version,
                "reason": "Chờ xác minh",
                "new_due_at": f"{before_due:%d/%m/%Y %H:%M}",
            },
        )
    assert response.status_code == 400
    bound = next(form for form in response.context["action_forms"] if form.is_bound)
    assert "new_due_at" in bound.errors


def test_a_new_date_after_now_and_after_the_due_date_is_accepted(office, late):
    new_date = timezone.now() + timedelta(days=3)
    dossier = act(
        office, late, "sophie", Action.APOLOGISE, reason="Chờ xác minh", new_due_at=new_date
    )
    assert dossier.extended_due_at == new_date
