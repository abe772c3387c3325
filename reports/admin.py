"""The Decision 766 rules, edited by system administrators: the named queries are chosen from
the list the code registers (reports.queries), never typed."""

from django import forms
from django.contrib import admin

from core.admin import AuditedModelAdmin
from reports.models import IndicatorRule, PapiScore, ParCriterion, ParField, Target
from reports.queries import query_choices


class IndicatorRuleForm(forms.ModelForm):
    class Meta:
        model = IndicatorRule
        fields = [
            "group",
            "number",
            "key",
            "name",
            "numerator",
            "denominator",
            "threshold",
            "max_points",
            "first_year",
            "last_year",
            "unconfirmed",
            "note",
            "source",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = query_choices()
        for name in ("numerator", "denominator"):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label, choices=choices, required=True
            )


@admin.register(IndicatorRule)
class IndicatorRuleAdmin(AuditedModelAdmin):
    form = IndicatorRuleForm
    list_display = [
        "number",
        "name",
        "group",
        "max_points",
        "threshold",
        "first_year",
        "last_year",
        "unconfirmed",
    ]
    list_filter = ["group", "unconfirmed"]
    search_fields = ["number", "name", "key"]


@admin.register(Target)
class TargetAdmin(AuditedModelAdmin):
    list_display = ["measure", "level", "year", "value", "source"]
    list_filter = ["measure", "level", "year"]


class ParCriterionInline(admin.TabularInline):
    model = ParCriterion
    extra = 1
    fields = ["code", "name", "max_points"]


@admin.register(ParField)
class ParFieldAdmin(AuditedModelAdmin):
    list_display = ["year", "code", "name", "max_points"]
    list_filter = ["year"]
    inlines = [ParCriterionInline]


@admin.register(PapiScore)
class PapiScoreAdmin(AuditedModelAdmin):
    list_display = ["province", "year", "dimension", "score", "source"]
    list_filter = ["year", "dimension"]
    search_fields = ["province"]
