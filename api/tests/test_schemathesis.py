"""R14 for the API: schemathesis generates requests from the OpenAPI schema the API serves and
sends them in-process (WSGI) with a key of commune A. No answer may be a 5xx, and every answer
must match the schema: its status, content type, headers and body.

SCHEMATHESIS_EXAMPLES sets the examples per operation (20 by default; CI may raise it)."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.tests.conftest import key_for
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from org.models import Role

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20"))


@pytest.fixture
def api_cast(db, office, settings):
    settings.API_RATE_LIMIT = 100_000
    settings.LOOKUP_RATE_LIMIT = 100_000
    settings.LOOKUP_CHECK_FAILURE_LIMIT = 100_000
    cache.clear()
    _client, ApiKey.key = key_for(
        office, office.committee_a, [Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER]
    )
    # Something to find: a few dossiers whose ids are small, as generated ids often are.
    for number in range(3):
        dossier_receive(
            reception=reception_for(office, submission_key=f"st-{number}"), actor=office.alice
        )
    # As Django's test client does: the WSGI handler would otherwise close the test's database
    # connection at the end of each request, and with it the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield office
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The schema the API serves at /api/schema/, generated the same way (drf-spectacular) without a
# database; requests go to the WSGI application in this process, inside the test's transaction.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()


# Not cached between examples: each test creates its key in its own database.
@schema.auth(refresh_interval=None)
class ApiKey:
    key = ""

    def get(self, case, context):
        return ApiKey.key

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Api-Key {data}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@pytest.mark.django_db
def test_the_api_matches_its_schema_and_never_answers_5xx(case, api_cast):
    # Every check but one: "positive data acceptance" expects any request the schema allows to
    # succeed, but the schema cannot say which agency codes exist or which procedures this
    # agency receives; those refusals are 400 with the reason, as documented.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
