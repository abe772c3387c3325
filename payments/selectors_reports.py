"""What the reports' named queries (reports.queries_catalogue) need from payments, for the
Decision 766 "online payment" group and the targets (≥ 80 % of procedures with fees payable
online, ≥ 30 % of fee transactions paid online): the successful online payments, and where a
real gateway takes them. The reports app composes these with its own scope of dossiers and
procedures; payments does not know the reports' Scope."""

from django.conf import settings

from core.plugins import registry
from payments.models import GatewayAccount, PaymentAttempt
from payments.states import AttemptState, Method


def succeeded_online():
    """Every online payment that went through (a gateway's confirmed answer)."""
    return PaymentAttempt.objects.filter(method=Method.ONLINE, state=AttemptState.SUCCEEDED)


def online_payment_agency_codes() -> frozenset[str] | None:
    """The codes of the collecting agencies whose fees a citizen can really pay online, or None
    when every agency can: the deployment's default gateway is a real one, or this is the demo
    deployment (DEMO), where the demo gateway stands for one. A production still on the demo
    gateway offers no real online payment, and its figure says so (0)."""
    demo = registry.kind("payment").demo
    if registry.chosen_key("payment") != demo or getattr(settings, "DEMO", False):
        return None
    overrides = getattr(settings, "PAYMENT_GATEWAY_BY_AGENCY", None) or {}
    configured = {code for code, key in overrides.items() if key and key != demo}
    own = GatewayAccount.objects.filter(active=True).exclude(gateway=demo)
    return frozenset(configured | set(own.values_list("agency__code", flat=True)))
