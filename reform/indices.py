"""The fields of the PAR INDEX and the dimensions of PAPI (DOMAIN.md §10) that plan tasks serve.

They live here, below the reports app, so that a task can name what it serves without the reform
app importing reports (the import contract); reports reads them from here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PapiDimension(models.IntegerChoices):
    PARTICIPATION = 1, _("Participation at local levels")
    TRANSPARENCY = 2, _("Transparency in local decision-making")
    ACCOUNTABILITY = 3, _("Vertical accountability towards citizens")
    CORRUPTION = 4, _("Control of corruption in the public sector")
    PROCEDURES = 5, _("Public administrative procedures")
    SERVICES = 6, _("Public service delivery")
    ENVIRONMENT = 7, _("Environmental governance")
    E_GOVERNANCE = 8, _("E-governance")


class ParIndexField(models.IntegerChoices):
    """The PAR INDEX fields in the order the Ministry of Home Affairs numbers them; the points
    and criteria of each year are configured in the reports app (ParField.code)."""

    DIRECTION = 1, _("Direction and management of reform")
    INSTITUTIONS = 2, _("Institutional reform")
    PROCEDURES = 3, _("Administrative procedure reform")
    ORGANISATION = 4, _("Reform of the administrative apparatus")
    CIVIL_SERVICE = 5, _("Civil service reform")
    PUBLIC_FINANCE = 6, _("Public finance reform")
    DIGITAL_GOVERNMENT = 7, _("E-government and digital government")
    IMPACT = 8, _("Impact of reform on people and society")
