"""The dossiers' figures on the operator's metrics page (core.metrics)."""

from datetime import datetime
from datetime import time as clock

from django.db.models import Count
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from catalog.models import Channel
from core.metrics import gauge
from core.workdays import VIETNAM
from dossiers.models import Dossier


@gauge
def received_today():
    """Dossiers received since midnight, Vietnam time, by channel: one indexed range count."""
    today = timezone.localtime(timezone.now(), VIETNAM).date()
    midnight = datetime.combine(today, clock.min, tzinfo=VIETNAM)
    rows = (
        Dossier.objects.filter(received_at__gte=midnight)
        .values_list("channel")
        .annotate(count=Count("id"))
        .order_by()
    )
    family = GaugeMetricFamily(
        "motcua_dossiers_received_today",
        "Dossiers received since midnight (Vietnam time), by channel (direct, online, postal).",
        labels=["channel"],
    )
    for channel, count in rows:
        family.add_metric([Channel(channel).name.lower()], count)  # direct, online, postal
    yield family
