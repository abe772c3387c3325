from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitisedConfig(AppConfig):
    name = "digitised"
    verbose_name = _("Digitised documents")
