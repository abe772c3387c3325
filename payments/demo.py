"""Demo data for payments: a collection account for every commune centre, so the counter shows
a VietQR for each amount owed. The account is the demo's own, not a real one."""

from org.models import Agency, AgencyKind
from payments.models import CollectionAccount

# VietinBank's NAPAS BIN; the account number is made up for the demo.
DEMO_BANK = {"bank_bin": "970415", "bank_name": "VietinBank (tài khoản minh họa)"}


def payments_seed() -> int:
    """Idempotent: agencies that already have an account keep it. Returns accounts created."""
    created = 0
    centres = Agency.objects.filter(
        kind__in=[AgencyKind.COMMUNE_CENTRE, AgencyKind.PROVINCIAL_CENTRE]
    )
    for index, agency in enumerate(centres.order_by("pk"), start=1):
        _, made = CollectionAccount.objects.get_or_create(
            agency=agency,
            defaults={
                **DEMO_BANK,
                "account_number": f"1130000{index:05d}",
                "account_name": agency.name.upper()[:100],
            },
        )
        created += made
    return created
