"""Reads of the guidance screens: the centres where a user guides citizens, and the slips and
sessions recorded there (R5: always through org.access)."""

from datetime import date

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from counter.models import DutyShift, GuidanceSlip, GuidedSession
from counter.selectors import CENTRE_KINDS
from org.access import agency_ids_with_role
from org.models import Agency, Role

# Who guides citizens at a centre: its receiving officers and the volunteers on its roster.
GUIDES = (Role.RECEIVING_OFFICER, Role.VOLUNTEER)


def guide_agencies_for(user) -> QuerySet[Agency]:
    """The active centres where `user` is a receiving officer or a volunteer (or in an agency
    above). A volunteer's role counts here, and only here and on the roster: it gives no sight
    of the centre's dossiers (org.access.visible_agency_ids)."""
    return Agency.objects.filter(
        kind__in=CENTRE_KINDS, is_active=True, id__in=agency_ids_with_role(user, GUIDES)
    ).select_related("parent", "unit")


def guide_agency_get_for(user, *, pk: int | str) -> Agency:
    return get_object_or_404(guide_agencies_for(user), pk=pk)


def guide_agencies_on_duty(user, *, day: date) -> QuerySet[Agency]:
    """The centres where `user` may guide citizens on `day`: a receiving officer works their
    counters every day, a volunteer only on the days the roster names them (DOMAIN.md §8: the
    helpers "on duty"), morning or afternoon alike, since a volunteer who stays past their
    half-day still helps. A volunteer off the roster still reads and reprints earlier slips."""
    officer_of = agency_ids_with_role(user, (Role.RECEIVING_OFFICER,))
    on_roster = DutyShift.objects.filter(helper=user, day=day).values("agency_id")
    return guide_agencies_for(user).filter(Q(id__in=officer_of) | Q(id__in=on_roster))


def next_shifts_of(user, *, day: date, limit: int = 5) -> list[DutyShift]:
    """The shifts the roster gives `user` from `day` on, soonest first, at the centres where
    they still guide citizens."""
    shifts = DutyShift.objects.filter(
        helper=user, day__gte=day, agency__in=guide_agencies_for(user)
    )
    return list(shifts.select_related("agency").order_by("day", "half_day", "pk")[:limit])


def slips_for(user) -> QuerySet[GuidanceSlip]:
    return GuidanceSlip.objects.filter(agency__in=guide_agencies_for(user)).select_related(
        "agency__parent", "agency__unit", "procedure_version__procedure", "officer"
    )


def slip_get_for(user, *, pk: int) -> GuidanceSlip:
    """A slip of a centre where `user` guides citizens; 404 for any other."""
    return get_object_or_404(slips_for(user), pk=pk)


def sessions_for(user) -> QuerySet[GuidedSession]:
    return GuidedSession.objects.filter(agency__in=guide_agencies_for(user)).select_related(
        "agency", "procedure_version", "helper", "dossier"
    )


def portal_session_for(user, *, pk: int) -> GuidedSession:
    """A session with a portal help code, of a centre where `user` guides citizens; else 404."""
    return get_object_or_404(
        sessions_for(user).select_related("procedure_version__procedure"),
        pk=pk,
        portal_code__isnull=False,
    )
