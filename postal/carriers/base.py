"""What every postal carrier does for us: price a delivery, place an order, cancel it, report
the tracking of orders (polled) and read its status callbacks."""

from dataclasses import dataclass

from core.plugins import Plugin, registry
from postal.lifecycle import Report


class CarrierError(Exception):
    """The carrier refused or could not be reached; the message is safe to show staff (never
    the carrier's raw answer, which may quote an address or phone number, R17)."""


class CallbackRefused(Exception):
    """A status callback that is not authentic or not readable: answered 403/400, audited."""


@dataclass(frozen=True)
class OrderRequest:
    reference: str  # our dossier code, the carrier's "OrderNumber" where it takes ours
    sender_name: str
    sender_address: str
    sender_phone: str
    sender_province: str  # administrative-unit codes (post-2025)
    recipient_name: str
    recipient_address: str
    recipient_phone: str
    recipient_province: str
    recipient_commune: str
    weight_grams: int
    cod_amount: int  # integer đồng
    description: str = ""


@dataclass(frozen=True)
class PlacedOrder:
    order_number: str
    item_number: str


class Carrier(Plugin):
    verbose_name = ""

    def price(self, *, weight_grams: int, from_province: str, to_province: str) -> int:
        """The postage in đồng of a document of `weight_grams` between two provinces."""
        raise NotImplementedError

    def order_create(self, *, order: OrderRequest, serial: int) -> PlacedOrder:
        raise NotImplementedError

    def order_cancel(self, *, order_number: str) -> None:
        raise NotImplementedError

    def tracking(self, *, order_numbers: list[str]) -> list[Report]:
        """The reports the carrier holds for these orders (the polling task asks)."""
        raise NotImplementedError

    def callback_read(self, *, body: bytes, headers) -> list[Report]:
        """The reports in a status callback, or CallbackRefused when it is not authentic."""
        raise NotImplementedError


registry.declare_kind("postal", base=Carrier, demo="demo", setting="POSTAL_CARRIER")
