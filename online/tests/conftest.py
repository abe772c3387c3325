"""Citizens with accounts, and procedures that take dossiers online, for the portal's tests."""

import io

import pytest
from django.core.cache import cache
from PIL import Image

from accounts.models import CitizenAccount
from accounts.session import SESSION_ACCOUNT, SESSION_SEEN_AT, SESSION_SIGNED_IN_AT
from catalog.tests.builders import published
from dossiers.tests.conftest import office  # noqa: F401  (a fixture, used by name)


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def portal(cast):
    """Two citizens (An, Bình) and an organisation's representative (Chi); a một phần and a
    toàn trình procedure of commune A."""
    cast.partial = published(agencies=[cast.committee_a], online_level="partial", days=3, fee=8000)
    cast.full = published(
        code="1.000656",
        name="Thủ tục cấp bản sao trích lục hộ tịch",
        agencies=[cast.committee_a],
        online_level="full",
        days=1,
    )
    cast.offline = published(code="1.000001", name="Thủ tục tại quầy", agencies=[cast.committee_a])
    cast.an = CitizenAccount.objects.create(phone="0912345678", full_name="Nguyễn Văn An")
    cast.binh = CitizenAccount.objects.create(phone="0987654321", full_name="Trần Thị Bình")
    cast.chi = CitizenAccount.objects.create(email="chi@congty.vn", full_name="Lê Chi")
    return cast


def sign_in(client, account):
    """What the one-time code step leaves in the session (accounts has its own tests)."""
    import time

    session = client.session
    now = int(time.time())
    session[SESSION_ACCOUNT] = account.pk
    session[SESSION_SIGNED_IN_AT] = now
    session[SESSION_SEEN_AT] = now
    session.save()
    return client


def photo(colour="red", name="anh.jpg") -> io.BytesIO:
    """A phone photo: a JPEG file object with a name, as a browser uploads it."""
    data = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(data, "JPEG")
    data.seek(0)
    data.name = name
    return data
