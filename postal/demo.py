"""Demo postal work: for each demo commune's centre, two envelopes that arrived this morning
and wait on the post-office clerk's page to be registered. Idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from org.demo import COMMUNES, ROLE_USERNAME
from org.models import Agency, Role, User
from postal.itemnumbers import s10_number
from postal.models import InboundItem

SENDERS = [
    ("Nguyễn Văn Bình", "Số 5 ngõ 12 phố Hàng Bông"),
    ("Trần Thị Lan", "Thôn Đông, xã Sóc Sơn"),
]


@transaction.atomic
def postal_seed() -> int:
    """Returns how many envelopes were added."""
    created = 0
    now = timezone.now()
    for number, commune in enumerate(COMMUNES):
        centre = Agency.objects.get(code=f"000.10.{commune.code_part}.H01")
        clerk = User.objects.get(username=f"{commune.slug}.{ROLE_USERNAME[Role.POSTAL_CLERK]}")
        for offset, (name, address) in enumerate(SENDERS):
            _, new = InboundItem.objects.get_or_create(
                agency=centre,
                item_number=s10_number("RR", 20260000 + number * 10 + offset),
                defaults={
                    "sender_name": name,
                    "sender_address": address,
                    "posted_on": timezone.localdate() - timedelta(days=2),
                    "arrived_at": now,
                    "recorded_by": clerk,
                },
            )
            created += new
    return created
