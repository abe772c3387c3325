"""The demo's postal work: envelopes to register, one to send back to its sender, and each
centre's postage price list; seeding twice adds nothing."""

import pytest

from org.demo import demo_seed
from postal.demo import postal_seed
from postal.models import InboundItem, PostageRate

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_clerk_each_list_and_is_idempotent():
    demo_seed()
    assert postal_seed() > 0
    counts = (InboundItem.objects.count(), PostageRate.objects.count())
    assert postal_seed() == 0
    assert (InboundItem.objects.count(), PostageRate.objects.count()) == counts
    assert InboundItem.objects.filter(state="arrived").exists()
    back = InboundItem.objects.filter(state="sent_back", posted_back_at__isnull=True)
    assert back.exists() and all(item.sent_back_reason for item in back)
    assert PostageRate.objects.filter(up_to_grams=100).count() == back.count()
