"""The carriers' status callbacks (no login, no CSRF token: the carrier authenticates each call
itself, which its adapter checks). Idempotent: a report already stored is ignored (R22)."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.audit import audit_record
from core.network import client_ip
from core.plugins import registry
from postal.carriers.base import CallbackRefused
from postal.services_tracking import reports_apply

MAX_BODY = 256 * 1024


@csrf_exempt
@require_POST
def callback(request, key: str):
    carrier = _carrier_in_use(key)
    if carrier is None:
        raise Http404
    body = request.body[:MAX_BODY]
    try:
        reports = carrier.callback_read(body=body, headers=request.headers)
    except CallbackRefused as refused:
        audit_record(
            action="postal_callback_refused",
            object_type="postal.carrier",
            object_id=carrier.name,
            new={"why": str(refused)[:100]},
            ip=client_ip(request),
        )
        return JsonResponse({"ok": False, "error": "refused"}, status=403)
    moved = reports_apply(reports=reports, source="callback", carrier=carrier.name)
    return JsonResponse({"ok": True, "received": len(reports), "applied": moved})


def _carrier_in_use(key: str):
    """The carrier `key` if the settings use it (for the deployment or an agency): a carrier
    nobody uses has no callback to call."""
    if registry.chosen_key("postal") == key:
        return registry.get("postal")
    for agency, chosen in sorted(
        (getattr(settings, "POSTAL_CARRIER_BY_AGENCY", None) or {}).items()
    ):
        if chosen == key:
            return registry.get("postal", agency=agency)
    return None
