"""A guided session on the portal: the volunteer at the counter gives a help code (QR and link);
the citizen submits on their own phone or the kiosk; the dossier is recorded as guided and linked
to the session, once, for that procedure, until the code ends with the day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from counter.models import GuidedSession, HardStep
from counter.services_portal_guidance import ALPHABET, guided_portal_session_start
from counter.tests.factories import DutyShiftFactory
from dossiers.models import Dossier
from online.models import Draft
from online.tests.conftest import photo, sign_in
from online.tests.test_submission import answers, slot_of
from org.models import Role
from org.tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def helper(portal):
    vy = UserFactory(username="vy", full_name="Hoàng Thị Vy")
    give_role(vy, portal.centre_a, Role.VOLUNTEER)
    DutyShiftFactory(agency=portal.centre_a, day=timezone.localdate(), helper=vy, helper_name="")
    portal.vy = vy
    portal.session = guided_portal_session_start(
        actor=vy, agency=portal.centre_a, version=portal.partial, hard_step=HardStep.ACCOUNT
    )
    return portal


def _open_with_code(client, portal, code):
    url = reverse("online:start", args=[portal.partial.procedure_id]) + f"?ho-tro={code}"
    response = client.get(url)
    assert response.status_code == 302
    return response["Location"]


def _submit(client, portal, draft_url):
    response = client.post(
        draft_url,
        {**answers(portal), slot_of(portal.partial): [photo()], "action": "submit"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Dossier.objects.latest("id")


def test_the_help_code_is_short_unambiguous_and_ends_with_the_day(helper):
    code = helper.session.portal_code
    assert len(code) == 6 and set(code) <= set(ALPHABET)
    expires = timezone.localtime(helper.session.portal_code_expires_at)
    assert expires.date() == timezone.localdate() + timedelta(days=1) and expires.hour == 0


def test_a_dossier_submitted_with_the_code_is_guided_and_linked_to_the_session(client, helper):
    sign_in(client, helper.an)
    draft_url = _open_with_code(client, helper, helper.session.portal_code.lower())
    page = client.get(draft_url).content.decode()
    assert "Hoàng Thị Vy" in page and "đang hỗ trợ bạn" in page
    dossier = _submit(client, helper, draft_url)
    assert dossier.guided_online
    helper.session.refresh_from_db()
    assert helper.session.dossier == dossier


def test_a_code_serves_one_dossier_only(client, helper):
    sign_in(client, helper.an)
    _submit(client, helper, _open_with_code(client, helper, helper.session.portal_code))
    sign_in(client, helper.binh)
    second = _submit(client, helper, _open_with_code(client, helper, helper.session.portal_code))
    assert not second.guided_online
    assert GuidedSession.objects.get(pk=helper.session.pk).dossier != second


@pytest.mark.parametrize("case", ["expired", "other procedure", "made up"])
def test_a_code_that_does_not_apply_is_ignored(client, helper, case):
    code = helper.session.portal_code
    if case == "expired":
        GuidedSession.objects.filter(pk=helper.session.pk).update(
            portal_code_expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif case == "other procedure":
        GuidedSession.objects.filter(pk=helper.session.pk).update(procedure_version=helper.full)
    else:
        code = "ACDEFG" if code != "ACDEFG" else "HJKMNP"
    sign_in(client, helper.an)
    draft_url = _open_with_code(client, helper, code)
    assert Draft.objects.get().guide_code == ""
    assert not _submit(client, helper, draft_url).guided_online


def test_the_volunteer_gets_the_code_page_with_its_qr_code(client, helper):
    client.force_login(helper.vy)
    response = client.post(
        reverse("counter:guided-new") + f"?thu_tuc={helper.partial.pk}",
        {
            "thu_tuc": helper.partial.pk,
            "agency": helper.centre_a.pk,
            "hard_step": "form",
            "portal": "1",
        },
    )
    session = GuidedSession.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == reverse("counter:guided-code", args=[session.pk])
    page = client.get(response["Location"]).content.decode()
    assert (
        session.portal_code in page and "<svg" in page and f"ho-tro={session.portal_code}" in page
    )
    # Another centre's officer cannot read it.
    client.force_login(helper.bob)
    assert client.get(reverse("counter:guided-code", args=[session.pk])).status_code == 404
