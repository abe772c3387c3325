"""Which merchant account an online payment uses: the collecting agency's own (a GatewayAccount
row kept in the administration, its secret read from the environment variable the row names),
else the deployment's account from the environment. Nothing here is hard-coded but the
gateways' public sandbox addresses, the defaults of the settings."""

import os
from dataclasses import dataclass

from django.conf import settings

from core.plugins import registry
from payments.models import GatewayAccount

DEFAULTS = {
    # gateway: (merchant code, secret, pay URL, API URL) settings
    "vnpay": ("VNPAY_TMN_CODE", "VNPAY_HASH_SECRET", "VNPAY_PAY_URL", "VNPAY_API_URL"),
    # The national payment platform: partner code, secret, init and status addresses (no
    # public address: each deployment gets its own from the portal's operator).
    "dvcqg": (
        "DVCQG_PP_PARTNER_CODE",
        "DVCQG_PP_SECRET",
        "DVCQG_PP_INIT_URL",
        "DVCQG_PP_STATUS_URL",
    ),
}
SANDBOX = {
    "VNPAY_PAY_URL": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
    "VNPAY_API_URL": "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
}


@dataclass(frozen=True)
class Merchant:
    gateway: str
    merchant_code: str
    secret: str
    pay_url: str
    api_url: str
    agency_code: str = ""  # "" for the deployment's account


def _setting(name: str) -> str:
    return getattr(settings, name, "") or SANDBOX.get(name, "")


def deployment_merchant(gateway: str) -> Merchant:
    code, secret, pay, api = DEFAULTS[gateway]
    return Merchant(gateway, _setting(code), _setting(secret), _setting(pay), _setting(api))


def _from_row(row: GatewayAccount) -> Merchant:
    fallback = deployment_merchant(row.gateway)
    return Merchant(
        gateway=row.gateway,
        merchant_code=row.merchant_code,
        # Read when used: a secret rotated on the server needs no change here.
        secret=os.environ.get(row.secret_variable, ""),
        pay_url=row.pay_url or fallback.pay_url,
        api_url=row.api_url or fallback.api_url,
        agency_code=row.agency.code,
    )


def merchant_for_agency(gateway: str, agency_code: str) -> Merchant:
    """The account an attempt of `agency_code` is paid through."""
    row = (
        GatewayAccount.objects.select_related("agency")
        .filter(gateway=gateway, agency__code=agency_code, active=True)
        .first()
    )
    return _from_row(row) if row else deployment_merchant(gateway)


def merchant_named(gateway: str, merchant_code: str) -> Merchant | None:
    """The account a gateway's answer names (VNPay's vnp_TmnCode), to check its signature
    with; None for a merchant code that is none of ours."""
    if not merchant_code:
        return None
    row = (
        GatewayAccount.objects.select_related("agency")
        .filter(gateway=gateway, merchant_code=merchant_code, active=True)
        .first()
    )
    if row:
        return _from_row(row)
    default = deployment_merchant(gateway)
    return default if default.merchant_code == merchant_code else None


def gateway_key_for(agency_code: str) -> str:
    """The gateway a citizen of `agency_code` pays through: its own active account's, else
    what the settings choose (PAYMENT_GATEWAY_BY_AGENCY, PAYMENT_GATEWAY, the demo)."""
    row = GatewayAccount.objects.filter(agency__code=agency_code, active=True).first()
    return row.gateway if row else registry.chosen_key("payment", agency=agency_code)
