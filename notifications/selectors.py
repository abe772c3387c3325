"""Reading messages: those about one object (a dossier's page) and the failed ones of a set of
agencies (the staff list). Callers decide which agencies a user may see (org.access)."""

from collections.abc import Iterable

from django.db.models import QuerySet

from notifications.models import Notification, Status


def messages_about(*, object_type: str, object_id) -> list[Notification]:
    """Every message about this object, oldest first, with the event each reports."""
    return list(
        Notification.objects.filter(object_type=object_type, object_id=str(object_id))
        .select_related("event")
        .order_by("id")
    )


def failed_messages(*, agency_codes: Iterable[str] | QuerySet) -> QuerySet[Notification]:
    """Messages given up on, newest first, sent for one of these agencies."""
    return (
        Notification.objects.filter(status=Status.FAILED, agency_code__in=agency_codes)
        .select_related("event")
        .order_by("-id")
    )
