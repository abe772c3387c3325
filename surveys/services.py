"""Writes for ratings: the invitation when a result is returned, and the one answer it takes."""

import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.audit import audit_record
from dossiers.models import Dossier
from notifications.models import Channel
from notifications.services import notification_send
from surveys.models import Rating, Score

REASON_MAX = 1000
RATE_PATH = "/danh-gia/{token}/"
# Unaccented: one GSM message on every phone.
SMS_TEXT = "Cam on ong/ba da su dung dich vu. Moi danh gia muc do hai long: " + RATE_PATH


def new_token() -> str:
    # 16 random bytes, 22 URL-safe characters: the token alone opens the rating page.
    return secrets.token_urlsafe(16)


def rating_invite(*, dossier: Dossier, officer=None, now: datetime | None = None) -> Rating:
    """The invitation for a returned dossier, created once (a second call returns the first),
    with its SMS / e-mail link to the applicant who gave a phone or an address."""
    existing = Rating.objects.filter(dossier=dossier).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                dossier=dossier,
                token=new_token(),
                agency_id=dossier.return_agency_id or dossier.receiving_agency_id,
                officer=officer,
                created_at=now or timezone.now(),
            )
            applicant = dossier.applicants.order_by("pk").first()
            body = SMS_TEXT.format(token=rating.token)
            code = rating.agency.code
            if applicant is not None and applicant.phone:
                notification_send(
                    channel=Channel.SMS,
                    to=applicant.phone,
                    body=body,
                    agency_code=code,
                    about=rating,
                )
            if applicant is not None and applicant.email:
                notification_send(
                    channel=Channel.EMAIL,
                    to=applicant.email,
                    subject=f"Đánh giá mức độ hài lòng – hồ sơ {dossier.code}",
                    body=(
                        "Cảm ơn ông/bà đã sử dụng dịch vụ. Mời ông/bà đánh giá mức độ hài lòng "
                        f"tại {RATE_PATH.format(token=rating.token)}"
                    ),
                    agency_code=code,
                    about=rating,
                )
    except IntegrityError:
        # Two deliveries of the same event at once: the other one created it.
        return Rating.objects.get(dossier=dossier)
    return rating


def rating_answer(*, token: str, score: int, reason: str, channel: str) -> bool:
    """Record the answer if the token has none yet; False when it was already answered.

    One conditional UPDATE: on PostgreSQL a second answer arriving at the same moment waits
    for the first one's row lock, re-reads the condition, finds the rating answered and updates
    nothing; on SQLite writes are serialised. No read-then-write window to stuff it."""
    if score not in Score.values:
        raise ValueError(score)
    now = timezone.now()
    with transaction.atomic():
        updated = Rating.objects.filter(token=token, answered_at__isnull=True).update(
            answered_at=now, score=score, reason=reason.strip()[:REASON_MAX], channel=channel
        )
        if updated:
            rating = Rating.objects.select_related("agency").get(token=token)
            audit_record(
                action="rating_answer",
                agency_code=rating.agency.code,
                obj=rating,
                new={"score": score, "channel": channel},
            )
    return bool(updated)
