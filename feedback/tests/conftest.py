import pytest

from core.actors import Actor
from feedback.models import Channel, Kind
from feedback.services import Submission, feedback_register
from org.models import Role
from org.tests.factories import UserFactory, give_role


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def office(cast):
    """Commune A: Alice registers at the counter, Sophie handles feedback, Leo leads; Bob works
    at commune B's counter and Ivy inspects commune A (R5 cast)."""
    cast.sophie = UserFactory(username="sophie", full_name="Võ Thị Sophie")
    give_role(cast.sophie, cast.committee_a, Role.SPECIALIST)
    cast.leo = UserFactory(username="leo", full_name="Đinh Văn Leo")
    give_role(cast.leo, cast.committee_a, Role.LEADER)
    return cast


def submission_for(office, **changes) -> Submission:
    values = {
        "agency": office.committee_a,
        "channel": Channel.WEB,
        "kind": Kind.REPORT,
        "sender_name": "Nguyễn Văn An",
        "sender_phone": "0912345678",
        "sender_email": "an.nguyen@example.vn",
        "subject": "Chờ lâu khi chứng thực bản sao",
        "content": "Tôi là Nguyễn Văn An, số điện thoại 0912 345 678, chờ 3 giờ để chứng thực.",
    }
    values.update(changes)
    return Submission(**values)


def registered(office, **changes):
    return feedback_register(submission=submission_for(office, **changes), actor=Actor.applicant())
