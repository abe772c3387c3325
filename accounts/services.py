"""Signing citizens in with a one-time code, and linking an account to the citizens registry.

No answer here says whether an account exists (R23): a code is sent to whatever phone or
e-mail is typed, and the account is created only when its code comes back. Limits (settings,
from the environment): CITIZEN_CODE_PER_DESTINATION codes per destination and
CITIZEN_CODE_PER_IP per client address in CITIZEN_CODE_WINDOW seconds; a code expires after
CITIZEN_CODE_TTL seconds and dies after CITIZEN_CODE_ATTEMPTS wrong tries; after
CITIZEN_CODE_FAILURES wrong codes for one destination in CITIZEN_CODE_FAILURE_WINDOW seconds
every code for it is refused until the window ends.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from accounts.codes import EMAIL, SMS, Destination, digest, new_code, normalise_code
from accounts.models import CitizenAccount, SignInCode, Verification
from citizens.models import Citizen
from core import ratelimit
from core.audit import audit_record
from core.text import fold
from notifications.services import notification_send

if TYPE_CHECKING:
    from accounts.vneid import Identity

CODE_PURPOSE = "citizen-sign-in-code"
DESTINATION_PURPOSE = "citizen-sign-in-destination"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))  # config.settings.base documents each


class TooManyRequests(Exception):
    """A limit is reached; `retry_after` seconds until it lifts."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class CodeRefused(Exception):
    """The code is wrong, expired or used: one message for all, so a guesser learns nothing."""


def _destination_digest(destination: Destination) -> str:
    return digest(settings.SECRET_KEY, DESTINATION_PURPOSE, destination.address)


def _failure_limit(bucket: str, *, per_ip: bool = False) -> dict:
    return {
        "key": f"citizen-code-failures:{bucket}",
        "limit": _setting(
            "CITIZEN_CODE_FAILURES_PER_IP" if per_ip else "CITIZEN_CODE_FAILURES",
            30 if per_ip else 10,
        ),
        "window_seconds": _setting("CITIZEN_CODE_FAILURE_WINDOW", 60 * 60),
    }


def sign_in_code_send(*, destination: Destination, client: str) -> None:
    """Send a new code to `destination`. Raises TooManyRequests past a limit; otherwise
    answers the same way whether or not an account uses this destination."""
    window = _setting("CITIZEN_CODE_WINDOW", 15 * 60)
    key = _destination_digest(destination)
    for bucket, limit in (
        (f"citizen-code-ip:{client}", _setting("CITIZEN_CODE_PER_IP", 10)),
        (f"citizen-code-to:{key}", _setting("CITIZEN_CODE_PER_DESTINATION", 3)),
    ):
        allowed, retry_after = ratelimit.hit(key=bucket, limit=limit, window_seconds=window)
        if not allowed:
            raise TooManyRequests(retry_after)
    now = timezone.now()
    code = new_code()
    ttl = _setting("CITIZEN_CODE_TTL", 5 * 60)
    with transaction.atomic():
        # A new code replaces the ones sent before: only the last message counts.
        SignInCode.objects.filter(destination_digest=key, used_at__isnull=True).update(used_at=now)
        SignInCode.objects.create(
            destination_digest=key,
            channel=destination.channel,
            code_digest=digest(settings.SECRET_KEY, CODE_PURPOSE, f"{key}:{code}"),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl),
        )
        text = _(
            "%(code)s is your sign-in code for %(site)s. It is valid for %(minutes)d minutes. "
            "Never give it to anyone, including officers."
        ) % {"code": code, "site": settings.SITE_NAME, "minutes": ttl // 60}
        notification_send(
            channel=SMS if destination.channel == SMS else EMAIL,
            to=destination.address,
            subject=_("Your sign-in code") if destination.channel == EMAIL else "",
            body=text,
        )


def sign_in_code_check(*, destination: Destination, code: str, client: str) -> CitizenAccount:
    """The account of `destination` once `code` is its last code, unused and unexpired;
    created at its first sign-in. Raises CodeRefused, or TooManyRequests after too many
    wrong codes."""
    key = _destination_digest(destination)
    # Wrong codes count per destination (one number guessed at from many addresses) and per
    # client address (many numbers guessed at from one).
    limits = [
        _failure_limit(f"to:{key}"),
        _failure_limit(f"ip:{client}", per_ip=True),
    ]
    for failures in limits:
        locked, retry_after = ratelimit.used_up(**failures)
        if locked:
            raise TooManyRequests(retry_after)
    now = timezone.now()
    typed = normalise_code(code)
    with transaction.atomic():
        challenge = (
            SignInCode.objects.select_for_update()
            .filter(destination_digest=key, used_at__isnull=True, expires_at__gt=now)
            .filter(attempts__lt=_setting("CITIZEN_CODE_ATTEMPTS", 5))
            .first()
        )
        expected = challenge.code_digest if challenge else "0" * 64
        given = digest(settings.SECRET_KEY, CODE_PURPOSE, f"{key}:{typed}")
        # Compared even without a code, so both answers take the same time.
        right = constant_time_compare(expected, given) and challenge is not None
        if not right:
            if challenge is not None:
                SignInCode.objects.filter(pk=challenge.pk).update(attempts=F("attempts") + 1)
        else:
            challenge.used_at = now
            challenge.save(update_fields=["used_at"])
            account = _account_for(destination, now)
    if not right:
        for failures in limits:
            ratelimit.hit(**failures)
        raise CodeRefused(
            _(
                "This code is not right or no longer valid. Check the last message we sent, "
                "or ask for a new code."
            )
        )
    return account


def _account_for(destination: Destination, now) -> CitizenAccount:
    field = "phone" if destination.channel == SMS else "email"
    account = CitizenAccount.objects.filter(**{field: destination.address}).first()
    if account is None:
        try:
            with transaction.atomic():
                account = CitizenAccount.objects.create(
                    **{field: destination.address}, last_sign_in_at=now
                )
                audit_record(action="citizen_account_create", obj=account, new={"by": field})
                return account
        except IntegrityError:  # the same code cannot be used twice; another device won
            account = CitizenAccount.objects.get(**{field: destination.address})
    account.last_sign_in_at = now
    account.save(update_fields=["last_sign_in_at"])
    return account


@dataclass(frozen=True)
class IdentityClaim:
    """What the citizen says about themselves to link the registry."""

    id_number: str
    full_name: str
    birth_date: object


def account_identity_declare(*, account: CitizenAccount, claim: IdentityClaim) -> bool:
    """Record the citizen's ID number, name and birth date, and verify them against the
    registry of the counter: the same ID number, birth date and name, and the phone or
    e-mail the counter recorded for that person is the one this account proved it holds.

    Returns whether the account is now verified. The answer is the same whether the ID number
    is unknown or only the phone differs, so the form cannot be used to probe the registry.
    A verified account cannot change its ID number here (the counter can).
    """
    with transaction.atomic():
        account = CitizenAccount.objects.select_for_update().get(pk=account.pk)
        if account.verified:
            return account.id_number == claim.id_number
        account.id_number = claim.id_number
        account.full_name = claim.full_name
        account.birth_date = claim.birth_date
        citizen = Citizen.objects.filter(id_number=claim.id_number).first()
        if citizen is not None and _same_person(citizen, account, claim):
            account.citizen = citizen
            account.verified_by = Verification.REGISTRY
            account.verified_at = timezone.now()
        account.save(
            update_fields=[
                "id_number",
                "full_name",
                "birth_date",
                "citizen",
                "verified_by",
                "verified_at",
            ]
        )
        audit_record(
            action="citizen_account_identity",
            obj=account,
            new={"verified": account.verified, "citizen": account.citizen_id},
        )
    return account.verified


def _same_person(citizen: Citizen, account: CitizenAccount, claim: IdentityClaim) -> bool:
    holds_contact = bool(
        (account.phone and citizen.phone == account.phone)
        or (account.email and citizen.email.lower() == account.email)
    )
    return (
        holds_contact
        and citizen.birth_date == claim.birth_date
        and fold(citizen.full_name) == fold(claim.full_name)
    )


def account_from_vneid(*, identity: "Identity") -> CitizenAccount:
    """The account of the person VNeID vouches for, verified, linked to the registry (the
    entry is created from the identity when the counter never saw them), and signed in now.

    One person, one account: the account that signed in with this VNeID subject before, else
    the account already verified with this ID number (the person signed in by code first).
    What VNeID says of the person replaces what they had typed."""
    from accounts.vneid import IdentityRefused

    now = timezone.now()
    with transaction.atomic():
        accounts = CitizenAccount.objects.select_for_update()
        account = accounts.filter(vneid_subject=identity.subject).first() or (
            accounts.filter(id_number=identity.id_number).exclude(verified_by="").first()
        )
        if account is None:
            account = CitizenAccount(vneid_subject=identity.subject)
        elif account.vneid_subject not in (None, identity.subject):
            raise IdentityRefused(
                _("This ID number is linked to another VNeID account. Please contact the counter.")
            )
        citizen = Citizen.objects.filter(id_number=identity.id_number).first()
        if citizen is None:
            citizen = Citizen.objects.create(
                id_number=identity.id_number,
                full_name=identity.full_name,
                birth_date=identity.birth_date,
                gender=identity.gender,
                search_name=fold(identity.full_name)[:150],
            )
            audit_record(action="citizen_create", obj=citizen, new={"source": "vneid"})
        account.vneid_subject = identity.subject
        account.id_number = identity.id_number
        account.full_name = identity.full_name
        account.birth_date = identity.birth_date
        account.citizen = citizen
        account.verified_by = Verification.VNEID
        account.verified_at = now
        account.last_sign_in_at = now
        account.save()
        audit_record(action="citizen_account_vneid", obj=account, new={"citizen": citizen.pk})
    return account
