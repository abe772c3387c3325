"""Online payment gateways, one plugin kind ("payment") in core.plugins: the demo gateway on by
default, VNPay, the national portal's payment platform. Imported from PaymentsConfig.ready() so
they register."""

from payments.gateways import demo, dvcqg, vnpay  # noqa: F401
