import pytest
from django.test import override_settings

from dossiers.tests.conftest import office  # noqa: F401  (the fixture, shared)
from sync.tests import fake_portal


@pytest.fixture
def portal():
    """A fake national portal over real HTTP, and the dvcqg plugin pointed at it."""
    fake, server = fake_portal.start()
    with override_settings(**fake_portal.settings_for(server)):
        yield fake
    server.shutdown()
    server.server_close()
