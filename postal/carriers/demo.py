"""The demo carrier: works offline, prices from a small table, numbers its items in the S10
form and learns its statuses from a staff page ("push a status"), so the demo shows the
whole flow without a contract with the post."""

from django.utils.translation import gettext_lazy as _

from core.plugins import registry
from postal.carriers.base import CallbackRefused, Carrier, OrderRequest, PlacedOrder
from postal.itemnumbers import s10_number

# Demo postage in đồng for a document: (up to grams, same province, other province). Made up
# for the demo, in the range of the public registered-letter prices; a real carrier prices
# through its own API.
DEMO_PRICES = ((100, 13_000, 16_000), (250, 16_000, 21_000), (500, 21_000, 28_000))
PER_EXTRA_500_G = 8_000


def demo_price(*, weight_grams: int, same_province: bool) -> int:
    for limit, inside, outside in DEMO_PRICES:
        if weight_grams <= limit:
            return inside if same_province else outside
    _limit, inside, outside = DEMO_PRICES[-1]
    extra = -(-(weight_grams - 500) // 500)  # each started 500 g
    return (inside if same_province else outside) + extra * PER_EXTRA_500_G


@registry.register("postal", "demo")
class DemoCarrier(Carrier):
    verbose_name = _("Demo carrier (no real post)")

    def price(self, *, weight_grams: int, from_province: str, to_province: str) -> int:
        return demo_price(weight_grams=weight_grams, same_province=from_province == to_province)

    def order_create(self, *, order: OrderRequest, serial: int) -> PlacedOrder:
        return PlacedOrder(
            order_number=f"DEMO-{order.reference}", item_number=s10_number("EB", serial)
        )

    def order_cancel(self, *, order_number: str) -> None:
        return None

    def tracking(self, *, order_numbers: list[str]) -> list:
        return []  # its statuses are pushed from the staff page

    def callback_read(self, *, body: bytes, headers) -> list:
        raise CallbackRefused("The demo carrier takes its statuses from the staff page.")
