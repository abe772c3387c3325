"""Demo data for the disclosure register: hamlets, a hamlet data officer per commune, and a few
disclosures in every state (public with a table, posted, overdue, not yet due). Idempotent."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from disclosure import services
from disclosure.models import DisclosureItem, Hamlet
from org.demo import COMMUNES
from org.models import Agency, User

HAMLETS = ["Thôn Đoài", "Thôn Đông", "Thôn Trung"]

POOR = [
    {"head": "Nguyễn Văn Tư", "hamlet": "Thôn Đông", "members": 5, "result": "poor"},
    {"head": "Lê Thị Mận", "hamlet": "Thôn Đông", "members": 3, "result": "near_poor"},
    {"head": "Phạm Văn Lộc", "hamlet": "Thôn Đông", "members": 4, "result": "escaped"},
    {
        "head": "Đặng Thị Hoa",
        "hamlet": "Thôn Đông",
        "members": 2,
        "result": "not_qualified",
        "reason": "Thu nhập bình quân đầu người trên chuẩn cận nghèo",
    },
]
BUDGET = [
    {
        "line": "Thu ngân sách xã hưởng theo phân cấp",
        "planned": 4_250_000_000,
        "actual": 1_120_000_000,
    },
    {"line": "Chi thường xuyên", "planned": 3_600_000_000, "actual": 870_500_000},
    {"line": "Chi đầu tư phát triển", "planned": 650_000_000, "actual": 0},
]
CONTRIBUTIONS = [
    {
        "received_on": "2026-01-15",
        "contributor": "Nhân dân Thôn Đông",
        "hamlet": "Thôn Đông",
        "amount": 45_000_000,
        "spent_on": "Bê tông hóa đường thôn",
    },
    {
        "received_on": "2026-02-03",
        "contributor": "Công ty TNHH Minh Phát",
        "amount": 20_000_000,
        "spent_on": "Quỹ vì người nghèo",
    },
]


@transaction.atomic
def disclosure_seed() -> int:
    """Returns the number of disclosures added (0 when they are already there)."""
    today = timezone.localdate()
    year = today.year
    added = 0
    for commune in COMMUNES:
        committee = Agency.objects.get(code=f"000.00.{commune.code_part}.H01")
        hamlets = [Hamlet.objects.get_or_create(agency=committee, name=name)[0] for name in HAMLETS]
        # org.demo gives each commune a hamlet data officer; here they are named for one hamlet.
        officer = User.objects.get(username=f"{commune.slug}.thon")
        officer.disclosure_hamlets.add(hamlets[1])
        if DisclosureItem.objects.filter(agency=committee).exists():
            continue
        start, end = date(year, 1, 1), date(year, 12, 31)
        poor = services.item_create(
            actor=None,
            agency=committee,
            category="poor_households",
            title=f"Danh sách hộ nghèo, hộ cận nghèo năm {year} - Thôn Đông",
            period_label=f"Năm {year}",
            period_start=start,
            period_end=end,
            issued_on=today - timedelta(days=3),
            hamlet=hamlets[1],
            body="Kết quả rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều.",
        )
        services.table_replace(actor=None, item=poor, rows=POOR, source="demo")
        services.posting_add(
            actor=None,
            item=poor,
            place="hamlet_office",
            posted_on=today - timedelta(days=1),
            responsible="Trưởng thôn Đông",
        )
        services.item_publish(
            actor=None,
            item=poor,
            publish_from=today - timedelta(days=1),
            publish_until=poor.keep_until + timedelta(days=5),
        )
        budget = services.item_create(
            actor=None,
            agency=committee,
            category="budget",
            title=f"Công khai dự toán và tình hình thực hiện ngân sách xã năm {year}",
            period_label=f"Năm {year}",
            period_start=start,
            period_end=end,
        )
        services.table_replace(actor=None, item=budget, rows=BUDGET, source="demo")
        services.item_publish(
            actor=None, item=budget, publish_from=today - timedelta(days=10), publish_until=end
        )
        contributions = services.item_create(
            actor=None,
            agency=committee,
            category="contributions",
            title=f"Sổ theo dõi các khoản đóng góp tự nguyện năm {year}",
            period_label=f"Năm {year}",
            period_start=start,
            period_end=end,
        )
        services.table_replace(actor=None, item=contributions, rows=CONTRIBUTIONS, source="demo")
        services.item_publish(
            actor=None,
            item=contributions,
            publish_from=today - timedelta(days=5),
            publish_until=end,
        )
        services.item_create(
            actor=None,
            agency=committee,
            category="land",
            title="Quyết định thu hồi đất thực hiện dự án mở rộng đường liên xã",
            period_label=f"Năm {year}",
            period_start=start,
            period_end=end,
            issued_on=today - timedelta(days=12),
        )
        services.item_create(
            actor=None,
            agency=committee,
            category="recruitment",
            title=f"Kế hoạch tuyển dụng công chức cấp xã năm {year}",
            period_label=f"Năm {year}",
            period_start=today,
            period_end=today + timedelta(days=60),
            issued_on=today + timedelta(days=7),
        )
        added += 5
    return added
