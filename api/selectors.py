"""Reads for the API clients page."""

from django.db.models import QuerySet

from api.models import ApiClient
from org.access import manageable_agency_ids


def api_clients_for_admin(user) -> QuerySet[ApiClient]:
    """The clients of the agencies `user` administers, active ones first."""
    return (
        ApiClient.objects.filter(agency_id__in=manageable_agency_ids(user))
        .select_related("agency", "created_by", "revoked_by")
        .prefetch_related("user__roles")
        .order_by("revoked_at", "agency__code", "name", "id")
    )
