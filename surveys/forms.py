from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import Score
from surveys.services import REASON_MAX


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you?"), choices=Score.choices, coerce=int
    )
    reason = forms.CharField(
        label=_("Why? (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
