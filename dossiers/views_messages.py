"""Messages to applicants: the texts agency administrators word for each event (SMS and
e-mail), and the messages that could not be sent, which staff send again."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.paging import uncounted_page
from dossiers.messages import (
    DEFAULTS,
    EMAIL_DEFAULTS,
    MESSAGE_KEEPERS,
    PLACEHOLDERS,
    failed_messages_for,
    message_texts_save,
    with_dossiers,
)
from dossiers.models import Event, MessageTemplate
from notifications.models import Channel
from notifications.services import notification_resend
from org.access import manageable_agency_ids, staff_required
from org.models import Agency, Role

# The wordings an agency sets: Zalo messages use the e-mail's, which keeps the diacritics.
WORDED = (Channel.SMS, Channel.EMAIL)


class AgencyChoiceForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"),
        queryset=Agency.objects.none(),
        empty_label=gettext_lazy("— choose —"),
    )


def _administered(user):
    """The agencies whose texts `user` words: where they are agency administrator and the
    agencies below (org.access)."""
    return Agency.objects.filter(id__in=manageable_agency_ids(user), is_active=True).order_by(
        "name"
    )


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
    if request.method == "POST":
        message_texts_save(
            agency=agency,
            texts={
                (event.value, channel.value): request.POST.get(f"{event.value}-{channel.value}", "")
                for event in Event
                for channel in WORDED
            },
            actor=request.user,
        )
        messages.success(request, _("The message texts were saved."))
        return redirect(f"{request.path}?agency={agency.pk}")
    stored = {(t.event, t.channel): t for t in MessageTemplate.objects.filter(agency=agency)}
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
                for channel in WORDED
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
