"""An agency administrator's pages: the agency's contact details and hours, and its staff
(accounts, roles, deactivation, one-time passwords, authenticator reset) without Django admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.network import client_ip
from org import selectors, services
from org.access import staff_required
from org.forms_admin import AgencyContactForm, StaffCreateForm, StaffRolesForm, role_choice
from org.models import Role


def _context(request, nav: str, **extra):
    return {"nav": nav, "can_see_audit": selectors.can_see_audit(request.user), **extra}


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@staff_required(Role.AGENCY_ADMIN)
def agency_edit(request, code: str):
    agency = selectors.agency_get_to_manage(request.user, code=code)
    initial = {name: getattr(agency, name) for name in services.AGENCY_CONTACT_FIELDS}
    form = AgencyContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update_contact(
                agency=agency, actor=request.user, ip=client_ip(request), **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The agency's contact details and hours are saved."))
            return redirect("org:agency-detail", code=agency.code)
    return render(
        request, "org/agency_edit.html", _context(request, "agencies", agency=agency, form=form)
    )


@staff_required(Role.AGENCY_ADMIN)
def staff_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.staff_list_for(request.user, query=query), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "org/staff_list.html", _context(request, "staff", page=page, q=query))


@staff_required(Role.AGENCY_ADMIN)
def staff_create(request):
    agencies = selectors.manageable_agencies(request.user)
    form = StaffCreateForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            member, password = services.staff_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                full_name=form.cleaned_data["full_name"],
                position=form.cleaned_data["position"],
                grants=form.grants(),
                ip=client_ip(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            # Rendered, not redirected: the password is shown this once and never again.
            return _password_page(request, member, password, created=True)
    return render(request, "org/staff_create.html", _context(request, "staff", form=form))


def _password_page(request, member, password: str, *, created: bool):
    return render(
        request,
        "org/staff_password.html",
        _context(request, "staff", member=member, password=password, created=created),
    )


@staff_required(Role.AGENCY_ADMIN)
def staff_detail(request, pk: int):
    member = selectors.staff_get_for(request.user, pk=pk)
    agencies = selectors.manageable_agencies(request.user)
    held = [role_choice(role.agency_id, role.role) for role in member.roles.all()]
    form = StaffRolesForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        initial={"roles": held},
    )
    manageable = services.staff_can_be_managed_by(request.user, member)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_set_roles(
                actor=request.user, user=member, grants=form.grants(), ip=client_ip(request)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The roles are saved."))
            return redirect("org:staff-detail", pk=member.pk)
    return render(
        request,
        "org/staff_detail.html",
        _context(
            request,
            "staff",
            member=member,
            form=form,
            manageable=manageable,
            is_self=member.pk == request.user.pk,
        ),
    )


_ACTIONS = {
    "password": {
        "title": gettext_lazy("Reset the password"),
        "consequence": gettext_lazy(
            "The current password and the staff member's open sessions stop working. A new "
            "one-time password is shown once, on the next page: give it to them in person."
        ),
    },
    "authenticator": {
        "title": gettext_lazy("Reset the authenticator"),
        "consequence": gettext_lazy(
            "The authenticator app on their phone stops working for this account. At the next "
            "login they scan a new QR code to set it up again."
        ),
    },
    "deactivate": {
        "title": gettext_lazy("Deactivate the account"),
        "consequence": gettext_lazy(
            "The staff member can no longer log in and their open sessions end. Their roles, "
            "the dossiers they handled and the history stay; the account can be reactivated."
        ),
    },
    "reactivate": {
        "title": gettext_lazy("Reactivate the account"),
        "consequence": gettext_lazy(
            "The staff member can log in again with their current password."
        ),
    },
}


def _staff_action(request, pk: int, kind: str, action):
    """Ask once, saying what will happen (GET), then act (POST with confirm=1)."""
    member = selectors.staff_get_for(request.user, pk=pk)
    if request.method != "POST" or request.POST.get("confirm") != "1":
        return render(
            request,
            "org/staff_confirm.html",
            _context(request, "staff", member=member, kind=kind, **_ACTIONS[kind]),
        )
    try:
        return action(member)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("org:staff-detail", pk=member.pk)


@staff_required(Role.AGENCY_ADMIN)
def staff_deactivate(request, pk: int):
    active = request.GET.get("active", request.POST.get("active")) == "1"

    def action(member):
        services.staff_set_active(
            actor=request.user, user=member, active=active, ip=client_ip(request)
        )
        if active:
            messages.success(request, _("The account is active again."))
        else:
            messages.success(request, _("The account is deactivated: it can no longer log in."))
        return redirect("org:staff-detail", pk=member.pk)

    return _staff_action(request, pk, "reactivate" if active else "deactivate", action)


@staff_required(Role.AGENCY_ADMIN)
def staff_reset_password(request, pk: int):
    def action(member):
        password = services.staff_reset_password(
            actor=request.user, user=member, ip=client_ip(request)
        )
        return _password_page(request, member, password, created=False)

    return _staff_action(request, pk, "password", action)


@staff_required(Role.AGENCY_ADMIN)
def staff_reset_authenticator(request, pk: int):
    def action(member):
        removed = services.staff_reset_authenticator(
            actor=request.user, user=member, ip=client_ip(request)
        )
        if removed:
            messages.success(
                request,
                _("The authenticator is removed: at the next login they set up a new one."),
            )
        else:
            messages.info(request, _("This account had no authenticator to remove."))
        return redirect("org:staff-detail", pk=member.pk)

    return _staff_action(request, pk, "authenticator", action)
