"""Forms of the duty roster pages: choosing a week and adding a shift."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from counter.models import HalfDay, HelperOrganisation
from counter.selectors import volunteers_of, weekday_name
from counter.services import BOTH, NEITHER

# Far enough for any plan, near enough that adding a week never leaves the date range.
EARLIEST, LATEST = date(2000, 1, 3), date(2099, 12, 28)


def week_from_query(value: str | None, *, today: date) -> date:
    """The day named by ?tuan=yyyy-mm-dd, or `today` when it is missing or not a usable date."""
    try:
        day = date.fromisoformat((value or "")[:10])
    except ValueError:
        return today
    return day if EARLIEST <= day <= LATEST else today


class VolunteerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.username


class ShiftForm(forms.Form):
    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=date.fromisoformat,
        error_messages={
            "required": _("Choose the day."),
            "invalid_choice": _("Choose one of the days of the week shown."),
        },
    )
    half_day = forms.ChoiceField(
        label=_("Half-day"),
        choices=HalfDay.choices,
        widget=forms.RadioSelect,
        initial=HalfDay.MORNING,
        error_messages={
            "required": _("Choose the morning or the afternoon."),
            "invalid_choice": _("Choose the morning or the afternoon."),
        },
    )
    counter = forms.CharField(
        label=_("Counter"),
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "Quầy 2", "autocomplete": "off"}),
        error_messages={
            "required": _("Enter the counter, e.g. “Quầy 2”."),
            "max_length": _("Keep the counter short (at most 40 characters)."),
        },
    )
    helper = VolunteerChoiceField(
        label=_("Volunteer with an account"),
        queryset=None,
        required=False,
        empty_label=_("— none, I type a name —"),
        error_messages={"invalid_choice": _("Choose one of the volunteers in the list.")},
    )
    helper_name = forms.CharField(
        label=_("…or the name of a volunteer without an account"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Keep the name under 150 characters.")},
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        choices=HelperOrganisation.choices,
        error_messages={
            "required": _("Choose the helper's organisation in the list."),
            "invalid_choice": _("Choose the helper's organisation in the list."),
        },
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=255,
        required=False,
        error_messages={"max_length": _("Keep the note under 255 characters.")},
    )

    def __init__(self, *args, agency, monday: date, **kwargs):
        super().__init__(*args, **kwargs)
        days = [monday + timedelta(days=offset) for offset in range(7)]
        # The first day that can still take a shift: today in this week, else the Monday.
        self.fields["day"].initial = max(timezone.localdate(), monday).isoformat()
        self.fields["day"].choices = [
            (day.isoformat(), f"{weekday_name(day)} {day:%d/%m/%Y}") for day in days
        ]
        self.fields["helper"].queryset = volunteers_of(agency)

    def clean(self):
        # The service says the same; checking here too shows it with the other mistakes.
        cleaned = super().clean()
        helper, name = cleaned.get("helper"), cleaned.get("helper_name", "").strip()
        if "helper" in self.errors:
            return cleaned
        if helper is not None and name:
            self.add_error("helper_name", BOTH)
        elif helper is None and not name:
            self.add_error("helper", NEITHER)
        return cleaned
