"""The interface every online gateway implements. A gateway turns a pending attempt into the URL
the citizen's browser goes to; its answers come back to our views, which hand them to
`payments.services_payments.attempt_settle` — the only place an attempt is decided."""

from dataclasses import dataclass
from datetime import timedelta

from core.plugins import Plugin, registry

# How long a citizen has to finish paying on the gateway's page; after it, the reconciliation
# task asks the gateway (or, for the demo, marks the attempt expired).
ATTEMPT_LIFETIME = timedelta(minutes=15)


@dataclass(frozen=True)
class Start:
    """Where to send the citizen's browser for `attempt`."""

    redirect_url: str


class PaymentGateway(Plugin):
    verbose_name = "payment gateway"

    def start(self, attempt, *, return_url: str, client_ip: str) -> Start:
        raise NotImplementedError

    def query(self, attempt) -> dict | None:
        """Ask the gateway what became of a pending attempt: {"outcome", "amount",
        "transaction_no", "raw"}, or None when it does not know yet."""
        return None


registry.declare_kind("payment", base=PaymentGateway, demo="demo", setting="PAYMENT_GATEWAY")
