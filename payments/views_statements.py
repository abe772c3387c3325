"""The bank-statement import page: the receiving officer sends the day's statement of the
agency's collection account; matched lines are paid at once, the rest listed to check."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from org.access import active_roles_of, staff_required
from org.models import Agency, Role
from payments.services_statements import statement_import, statement_rows
from payments.statements import StatementError


class StatementForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Collection account of"),
        queryset=Agency.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the agencies in the list.")},
    )
    statement = forms.FileField(
        label=_("Bank statement (CSV or Excel)"),
        error_messages={"required": _("Choose the statement file.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {role.agency_id for role in active_roles_of(user, {Role.RECEIVING_OFFICER})}
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=ids)


@staff_required(Role.RECEIVING_OFFICER)
def statement_page(request):
    result, error = None, ""
    if request.method == "POST":
        form = StatementForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                rows = statement_rows(form.cleaned_data["statement"])
                result = statement_import(
                    agency=form.cleaned_data["agency"], rows=rows, actor=request.user
                )
            except StatementError as refused:
                error = str(refused)
    else:
        form = StatementForm(user=request.user)
    status = 400 if request.method == "POST" and (error or form.errors) else 200
    return render(
        request,
        "payments/statement.html",
        {"nav": "statement", "form": form, "result": result, "error": error},
        status=status,
    )
