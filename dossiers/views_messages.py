"""Agency administrators edit the texts sent to applicants (SMS and e-mail) for each event."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from dossiers.messages import DEFAULTS, EMAIL_DEFAULTS, PLACEHOLDERS
from dossiers.models import Event, MessageTemplate
from notifications.models import Channel
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
