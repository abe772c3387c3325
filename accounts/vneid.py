"""Sign-in with the national electronic identity (VNeID), reached through the national portal's
single sign-on, as an OpenID Connect relying party (authorization code flow, with state and
nonce, the ID token's signature checked against the provider's published keys).

Written with Authlib's Django client. Off unless VNEID_OIDC_ISSUER is set; the client id,
secret, scopes and the names of the claims that carry the ID number, name, birth date and
gender come from the environment, because the national portal gives them to each agency
with its contract and does not publish them (docs/citizen-portal.md).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from authlib.integrations.django_client import OAuth
from django.conf import settings

from citizens.cccd import FEMALE, MALE

ID_NUMBER = re.compile(r"\d{12}")
_clients: dict[tuple, object] = {}


class IdentityRefused(Exception):
    """The provider's answer cannot sign anyone in; the text is for the citizen."""


def enabled() -> bool:
    return bool(settings.VNEID_OIDC_ISSUER and settings.VNEID_CLIENT_ID)


def client():
    """The OIDC client for the current settings, its discovery document fetched once."""
    key = (
        settings.VNEID_OIDC_ISSUER,
        settings.VNEID_CLIENT_ID,
        settings.VNEID_CLIENT_SECRET,
        settings.VNEID_SCOPES,
    )
    if key not in _clients:
        oauth = OAuth()
        _clients[key] = oauth.register(
            name="vneid",
            client_id=settings.VNEID_CLIENT_ID,
            client_secret=settings.VNEID_CLIENT_SECRET,
            server_metadata_url=settings.VNEID_OIDC_ISSUER.rstrip("/")
            + "/.well-known/openid-configuration",
            client_kwargs={"scope": settings.VNEID_SCOPES, "timeout": settings.VNEID_TIMEOUT},
        )
    return _clients[key]


@dataclass(frozen=True)
class Identity:
    subject: str
    id_number: str
    full_name: str
    birth_date: date
    gender: str  # citizens.cccd.MALE / FEMALE, or "" when the provider did not say


def identity_from_claims(claims: dict) -> Identity:
    """The person the provider vouches for, from its claims (ID token and userinfo merged).
    Refused when a claim MotCua needs is missing or malformed: a half-known person is not
    signed in as verified."""
    subject = str(claims.get("sub") or "")
    id_number = str(claims.get(settings.VNEID_CLAIM_ID_NUMBER) or "").strip()
    full_name = " ".join(str(claims.get(settings.VNEID_CLAIM_NAME) or "").split())
    birth_date = _date(claims.get(settings.VNEID_CLAIM_BIRTH_DATE))
    if not subject or not ID_NUMBER.fullmatch(id_number) or not full_name or birth_date is None:
        raise IdentityRefused(
            "VNeID không gửi đủ số định danh cá nhân, họ tên và ngày sinh: chưa thể đăng nhập. "
            "Vui lòng đăng nhập bằng mã gửi qua điện thoại hoặc thư điện tử."
        )
    return Identity(
        subject=subject,
        id_number=id_number,
        full_name=full_name[:150],
        birth_date=birth_date,
        gender=_gender(claims.get(settings.VNEID_CLAIM_GENDER)),
    )


def _date(value) -> date | None:
    """OpenID Connect's YYYY-MM-DD, or the dd/mm/yyyy Vietnamese systems often send."""
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _gender(value) -> str:
    text = str(value or "").strip().lower()
    if text in ("male", "nam", "1", "m"):
        return MALE
    if text in ("female", "nữ", "nu", "2", "f"):
        return FEMALE
    return ""
