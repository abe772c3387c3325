"""The e-receipt providers that tax authorities accept (VNPT, Viettel S-Invoice, the national
payment platform's own receipt) behind one interface; the demo keeps receipts here only.

A provider registers a receipt MotCua has numbered and returns its reference there; the
payment's id is the provider's idempotency key (VNPT's fkey), so a retried registration never
makes a second receipt. docs/payments.md describes what a real provider must implement."""

from core.plugins import Plugin, registry


class EReceiptProvider(Plugin):
    verbose_name = "e-receipt provider"

    def publish(self, receipt) -> str:
        """Register `receipt` and return the provider's reference for it. Raise on failure."""
        raise NotImplementedError

    def cancel(self, receipt, *, reason: str) -> None:
        """Tell the provider the receipt is cancelled."""
        raise NotImplementedError


registry.declare_kind("ereceipt", base=EReceiptProvider, demo="demo", setting="ERECEIPT_PROVIDER")


@registry.register("ereceipt", "demo")
class DemoEReceipts(EReceiptProvider):
    """Works offline: the receipt is its own record, referenced by its series and number."""

    verbose_name = "demo (receipts kept in MotCua only)"

    def publish(self, receipt) -> str:
        return f"DEMO-{receipt.agency_id}-{receipt.year}-{receipt.symbol}-{receipt.number:07d}"

    def cancel(self, receipt, *, reason: str) -> None:
        return None
