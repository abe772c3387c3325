"""Online payment gateways, one plugin kind ("payment") in core.plugins: the demo gateway on by
default, VNPay. Imported from PaymentsConfig.ready() so they register."""

from payments.gateways import demo, vnpay  # noqa: F401
