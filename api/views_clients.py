"""The agency administrator's page for API keys: the list, a new key (shown once) and
revoking one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import selectors, services
from api.forms import ApiClientForm
from core.network import client_ip
from org.access import staff_required
from org.models import Role
from org.selectors import manageable_agencies


@staff_required(Role.AGENCY_ADMIN)
def client_list(request):
    form = ApiClientForm(request.POST or None, agencies=manageable_agencies(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            client, key = services.api_client_create(
                agency=form.cleaned_data["agency"],
                name=form.cleaned_data["name"],
                roles=form.cleaned_data["roles"],
                can_write=form.cleaned_data["can_write"],
                actor=request.user,
                ip=client_ip(request),
            )
        except services.ApiClientError as error:
            form.add_error(None, str(error))
        else:
            # Rendered, not redirected: the key is shown this once and never again.
            return render(
                request, "api/client_key.html", {"nav": "api", "client": client, "key": key}
            )
    clients = selectors.api_clients_for_admin(request.user)
    return render(
        request,
        "api/clients.html",
        {"nav": "api", "form": form, "clients": clients},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_required(Role.AGENCY_ADMIN)
def client_revoke(request, pk: int):
    client = get_object_or_404(selectors.api_clients_for_admin(request.user), pk=pk)
    services.api_client_revoke(client_id=client.pk, actor=request.user, ip=client_ip(request))
    messages.success(
        request,
        _("The key of “%(name)s” is revoked: it is refused from now on.") % {"name": client.name},
    )
    return redirect("api:clients")
