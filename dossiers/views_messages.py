"""Messages to applicants: the texts agency administrators word for each event (SMS and
e-mail), and the messages that could not be sent, which staff send again."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.audit import audit_record
from core.paging import uncounted_page
from dossiers.messages import (
    DEFAULTS,
    EMAIL_DEFAULTS,
    MESSAGE_KEEPERS,
    PLACEHOLDERS,
    failed_messages_for,
    with_dossiers,
)
from dossiers.models import Event, MessageTemplate
from notifications.models import Channel
from notifications.services import notification_resend
from org.access import is_system_admin, staff_required
from org.models import Agency, Role, StaffRole


class AgencyChoiceForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"),
        queryset=Agency.objects.none(),
        empty_label=gettext_lazy("— choose —"),
    )


def _administered(user):
    if is_system_admin(user):
        return Agency.objects.filter(is_active=True).order_by("name")
    ids = StaffRole.objects.filter(user=user, role=Role.AGENCY_ADMIN).values("agency_id")
    return Agency.objects.filter(id__in=ids, is_active=True).order_by("name")


@staff_required(Role.AGENCY_ADMIN)
def message_texts(request):
    agencies = _administered(request.user)
    chooser = AgencyChoiceForm(request.GET or None)
    chooser.fields["agency"].queryset = agencies
    if chooser.is_bound and not chooser.is_valid():
        raise Http404  # an agency the user does not administer
    agency = chooser.cleaned_data["agency"] if chooser.is_bound else agencies.first()
    if agency is None:
        return render(request, "dossiers/messages.html", {"nav": "messages", "rows": []})
    stored = {(t.event, t.channel): t for t in MessageTemplate.objects.filter(agency=agency)}
    if request.method == "POST":
        changed = []
        for event in Event:
            for channel in Channel:
                name = f"{event.value}-{channel.value}"
                text = request.POST.get(name, "").replace("\x00", "").strip()[:1000]
                current = stored.get((event.value, channel.value))
                if not text and current:  # emptied: back to the default wording
                    current.delete()
                    changed.append(name)
                elif text and (current is None or current.text != text):
                    MessageTemplate.objects.update_or_create(
                        agency=agency, event=event, channel=channel, defaults={"text": text}
                    )
                    changed.append(name)
        if changed:
            audit_record(
                action="message_texts_change",
                actor=request.user,
                agency_code=agency.code,
                object_type="dossiers.messagetemplate",
                object_repr=agency.name,
                new={"changed": changed},
            )
        messages.success(request, _("The message texts were saved."))
        return redirect(f"{request.path}?agency={agency.pk}")
    defaults = {Channel.SMS: DEFAULTS, Channel.EMAIL: EMAIL_DEFAULTS}
    rows = [
        {
            "event": event,
            "fields": [
                {
                    "name": f"{event.value}-{channel.value}",
                    "channel": channel,
                    "text": stored[(event.value, channel.value)].text
                    if (event.value, channel.value) in stored
                    else "",
                    "default": defaults[channel][event],
                }
                for channel in Channel
            ],
        }
        for event in Event
    ]
    return render(
        request,
        "dossiers/messages.html",
        {
            "nav": "messages",
            "chooser": chooser,
            "agency": agency,
            "agencies": agencies,
            "rows": rows,
            "placeholders": ["{" + p + "}" for p in PLACEHOLDERS],
        },
    )


# --- Messages that could not be sent ---------------------------------------------------------

FAILED_PAGE_SIZE = 50


@staff_required(*MESSAGE_KEEPERS)
def failed_messages(request):
    """Messages given up on after every attempt, for the agencies the user keeps messages of
    (and those below), with a button to send each again."""
    page = uncounted_page(
        failed_messages_for(request.user),
        number=request.GET.get("trang"),
        per_page=FAILED_PAGE_SIZE,
    )
    page.object_list = with_dossiers(page.object_list)
    return render(
        request,
        "dossiers/failed_messages.html",
        {"nav": "failed-messages", "page": page, "query_string": ""},
    )


@require_POST
@staff_required(*MESSAGE_KEEPERS)
def message_resend(request, pk: int):
    message = failed_messages_for(request.user).filter(pk=pk).first()
    if message is None:  # not the user's agencies, or sent again already
        raise Http404
    notification_resend(notification_id=message.pk, actor=request.user)
    messages.success(request, _("The message will be sent again in a moment."))
    return redirect("dossiers:failed-messages")
