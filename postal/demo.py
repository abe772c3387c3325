"""Demo postal work: for each demo commune's centre, two envelopes that arrived this morning
and wait on the post-office clerk's page to be registered, one that was incomplete and waits
to go back to its sender, and the centre's postage price list (as agreed with its post office,
edited in the admin). Idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from org.demo import COMMUNES, ROLE_USERNAME
from org.models import Agency, Role, User
from postal.itemnumbers import s10_number
from postal.lifecycle import ItemState
from postal.models import InboundItem, PostageRate

SENDERS = [
    ("Nguyễn Văn Bình", "Số 5 ngõ 12 phố Hàng Bông"),
    ("Trần Thị Lan", "Thôn Đông, xã Sóc Sơn"),
]

# Demo prices in đồng (up to grams, inside the province, to another one): a centre's own list,
# in the range of the public registered-letter prices.
PRICE_LIST = ((100, 12_500, 15_500), (250, 16_000, 20_500), (500, 20_500, 27_500))


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
        _, new = InboundItem.objects.get_or_create(
            agency=centre,
            item_number=s10_number("RR", 20260000 + number * 10 + 9),
            defaults={
                "sender_name": "Lê Văn Hùng",
                "sender_address": "Tổ 3, phường Hoàn Kiếm",
                "posted_on": timezone.localdate() - timedelta(days=3),
                "arrived_at": now - timedelta(hours=3),
                "recorded_by": clerk,
                "state": ItemState.SENT_BACK,
                "sent_back_reason": "Thiếu Tờ khai đăng ký khai sinh có chữ ký của người yêu cầu.",
            },
        )
        created += new
        for grams, inside, outside in PRICE_LIST:
            PostageRate.objects.get_or_create(
                agency=centre,
                up_to_grams=grams,
                defaults={"same_province": inside, "other_province": outside},
            )
    return created
