"""Vietnamese for what Django's admin shows from code that brings none.

Two cases:
- Strings that Django's admin and auth (newer than their Vietnamese catalogue), django-axes and
  django-tasks-db mark for translation but do not translate into Vietnamese. They are listed
  here with `gettext_noop`, so `makemessages` puts them in core's catalogue; Django looks a
  message up in every installed catalogue, so ours answers where theirs has nothing.
- Names django-otp never marks for translation (its models' and fields' names and help texts,
  the tasks app's name). Those are replaced on the models' options when the app registry is
  ready (`apply`), the only place they can be changed without copying the packages' admin.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

MARKED_BUT_UNTRANSLATED = (
    # Django admin and auth
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Model name"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Show counts"),
    gettext_noop("Sidebar"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    # django-axes
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("Path"),
    gettext_noop("POST Data"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("Clean up expired attempts"),
    # django-tasks-db
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)

# django-otp: model options and field names it leaves in English. Help texts are the package's
# English word for word: migrations compare them, and a different English text would ask for a
# migration inside the package.
OTP_MODEL_NAMES = (_("TOTP device"), _("TOTP devices"))
OTP_FIELDS = {
    "user": (_("user"), _("The user that this device belongs to.")),
    "name": (_("name"), _("The human-readable name of this device.")),
    "confirmed": (_("confirmed"), _("Is this device ready for use?")),
    "key": (_("key"), _("A hex-encoded secret key of up to 40 bytes.")),
    "step": (_("step"), _("The time step in seconds.")),
    "t0": (_("start time"), _("The Unix time at which to begin counting steps.")),
    "digits": (_("digits"), _("The number of digits to expect in a token.")),
    "tolerance": (_("tolerance"), _("The number of time steps in the past or future to allow.")),
    "drift": (
        _("drift"),
        _("The number of time steps the prover is known to deviate from our clock."),
    ),
    "last_t": (
        _("last time step"),
        _(
            "The t value of the latest verified token. The next token must be at a higher "
            "time step."
        ),
    ),
    "throttling_failure_timestamp": (
        _("last failed check"),
        _("A timestamp of the last failed verification attempt. Null if last attempt succeeded."),
    ),
    "throttling_failure_count": (_("failed checks"), _("Number of successive failed attempts.")),
    "created_at": (
        _("created at"),
        _("The date and time when this device was initially created in the system."),
    ),
    "last_used_at": (_("last used at"), _("The most recent date and time this device was used.")),
}


def apply(apps) -> None:
    """Give django-otp's TOTP device, the lockout app and the tasks app Vietnamese names."""
    if apps.is_installed("django_otp.plugins.otp_totp"):
        device = apps.get_model("otp_totp", "TOTPDevice")
        device._meta.verbose_name, device._meta.verbose_name_plural = OTP_MODEL_NAMES
        for field in device._meta.get_fields():
            names = OTP_FIELDS.get(field.name)
            if names and hasattr(field, "help_text"):
                field.verbose_name, field.help_text = names
        apps.get_app_config("otp_totp").verbose_name = _("Authenticators (TOTP)")
    if apps.is_installed("axes"):
        apps.get_app_config("axes").verbose_name = _("Login lockout")
    if apps.is_installed("django_tasks_db"):
        apps.get_app_config("django_tasks_database").verbose_name = _("Background tasks")
