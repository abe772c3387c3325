"""The demo gateway: a page of ours that lets a tester choose what the "bank" answers —
success, failure, cancel, or no answer at all (the attempt stays pending until it expires).
Works offline; on by default so the whole flow can be tried."""

from django.urls import reverse

from core.plugins import registry
from payments.gateways.base import PaymentGateway, Start


@registry.register("payment", "demo")
class DemoGateway(PaymentGateway):
    verbose_name = "demo (a test page chooses the answer)"

    def start(self, attempt, *, return_url: str, client_ip: str) -> Start:
        return Start(reverse("payments:demo_gateway", args=[attempt.reference]))

    def query(self, attempt) -> dict | None:
        # Nobody answered on the demo page: the "bank" never saw a payment.
        return None
