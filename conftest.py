"""Shared fixtures: a fixed cast of users per role and agency (R5), and the log scan (R17)."""

import logging
import re
from types import SimpleNamespace

import pytest

from core.logging import RedactPersonalDataFilter

PASSWORD = "mat-khau-thu-nghiem"

# R17: every log record of the whole run passes through the same filter production uses, and is
# scanned at the end for ID numbers (9 or 12 digits) and Vietnamese phone numbers.
_PERSONAL = re.compile(r"(?<!\d)(\d{12}|\d{9}|0\d{9}|\+84\d{9})(?!\d)")
_captured: list[str] = []


class _ScanHandler(logging.Handler):
    def emit(self, record):
        _captured.append(self.format(record))


def pytest_configure(config):
    handler = _ScanHandler(level=logging.DEBUG)
    handler.addFilter(RedactPersonalDataFilter())
    logging.getLogger().addHandler(handler)
    logging.getLogger("django").addHandler(handler)


def pytest_sessionfinish(session, exitstatus):
    leaks = [line for line in _captured if _PERSONAL.search(line)]
    if leaks:
        session.exitstatus = 1
        print("\nR17: personal numbers found in logs:\n" + "\n".join(leaks[:5]))


@pytest.fixture(autouse=True)
def _shipped_rows(request, django_db_blocker):
    """Transactional tests (live server, task worker) end by emptying every table, including
    the rows that data migrations ship (the official calendar swaps, the inspection checklist):
    put them back before any test that uses the database."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("django_db_setup")
        from importlib import import_module

        from django.apps import apps

        from core.models import CalendarOverride

        with django_db_blocker.unblock():
            if not CalendarOverride.objects.exists():
                shipped = import_module("core.migrations.0004_shipped_calendar_overrides")
                shipped.ship_swaps(apps, None)
            from inspection.models import Checklist

            if not Checklist.objects.exists():  # the inspection checklist built from the seeds
                from inspection.services import seed_checklist_ensure

                seed_checklist_ensure()
    yield


@pytest.fixture
def cast(db):
    """Alice works at commune A's counter, Bob at commune B's; Ivy inspects commune A; Sam is a
    system administrator; Ada administers commune A."""
    from org.models import Role
    from org.tests.factories import AgencyFactory, UserFactory, give_role

    committee_a = AgencyFactory(name="Ủy ban nhân dân Xã An", kind="commune_committee")
    centre_a = AgencyFactory(
        name="Trung tâm PVHCC Xã An", parent=committee_a, unit=committee_a.unit
    )
    committee_b = AgencyFactory(name="Ủy ban nhân dân Xã Bình", kind="commune_committee")
    centre_b = AgencyFactory(
        name="Trung tâm PVHCC Xã Bình", parent=committee_b, unit=committee_b.unit
    )

    alice = UserFactory(username="alice", full_name="Nguyễn Thị Alice")
    give_role(alice, centre_a, Role.RECEIVING_OFFICER)
    bob = UserFactory(username="bob", full_name="Trần Văn Bob")
    give_role(bob, centre_b, Role.RECEIVING_OFFICER)
    ivy = UserFactory(username="ivy", full_name="Lê Thị Ivy")
    give_role(ivy, committee_a, Role.INSPECTOR)
    ada = UserFactory(username="ada", full_name="Phạm Ada")
    give_role(ada, committee_a, Role.AGENCY_ADMIN)
    sam = UserFactory(username="sam", full_name="Quản trị Sam", is_superuser=True, is_staff=True)
    return SimpleNamespace(
        committee_a=committee_a,
        centre_a=centre_a,
        committee_b=committee_b,
        centre_b=centre_b,
        alice=alice,
        bob=bob,
        ivy=ivy,
        ada=ada,
        sam=sam,
    )


def login_verified(client, user):
    """Log in; administrators also pass TOTP, as they would in the browser."""
    from django_otp import login as otp_login

    from org.tests.factories import confirmed_totp

    client.force_login(user)
    device = confirmed_totp(user)
    # Mark the session as verified the way django_otp does after a correct code.
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    request.user = user
    otp_login(request, device)
    request.session.save()
    return client
