"""Who acts: a member of staff, the applicant, the system applying a rule of law, or an external
party (a payment gateway, a postal carrier). Services take an `Actor`; history, audit and event
rows record its kind and label."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    STAFF = "staff", _("staff member")
    APPLICANT = "applicant", _("applicant")
    SYSTEM = "system", _("system")
    EXTERNAL = "external", _("external party")


@dataclass(frozen=True)
class Actor:
    """One actor, built with the class methods below rather than by hand.

    - staff: `user` is the staff account; roles and agencies come from it (org.access).
    - applicant: `citizen_id` names the person in the citizens registry, `tax_code` the
      organisation they represent; both empty for an applicant not yet identified (an online
      submission before citizen accounts exist).
    - system: `key` names the rule whose time has come ("close_unsupplemented").
    - external: `key` is the plugin's key in the core registry ("payment.demo"); its part
      before the dot is the plugin's kind ("payment", "postal").
    """

    kind: str
    user: Any = None
    citizen_id: int | None = None
    tax_code: str = ""
    key: str = ""

    @classmethod
    def staff(cls, user) -> "Actor":
        if user is None or not getattr(user, "is_authenticated", False):
            raise ValueError("A staff actor is a logged-in user.")
        return cls(ActorKind.STAFF, user=user)

    @classmethod
    def applicant(cls, *, citizen=None, tax_code: str = "", user=None) -> "Actor":
        citizen_id = getattr(citizen, "pk", citizen)
        return cls(ActorKind.APPLICANT, user=user, citizen_id=citizen_id, tax_code=tax_code)

    @classmethod
    def system(cls, rule: str) -> "Actor":
        return cls(ActorKind.SYSTEM, key=rule)

    @classmethod
    def external(cls, plugin_key: str) -> "Actor":
        if "." not in plugin_key:
            raise ValueError("An external party is named by its plugin key, 'kind.name'.")
        return cls(ActorKind.EXTERNAL, key=plugin_key)

    @property
    def is_staff(self) -> bool:
        return self.kind == ActorKind.STAFF

    @property
    def plugin_kind(self) -> str:
        """For an external party, the kind of plugin it is ("payment", "postal")."""
        return self.key.partition(".")[0] if self.kind == ActorKind.EXTERNAL else ""

    @property
    def label(self) -> str:
        """What history and audit rows show: a username, a registry reference, a rule or a
        plugin key. Never a personal ID number (R17)."""
        if self.kind == ActorKind.STAFF:
            return self.user.get_username()[:150]
        if self.kind == ActorKind.APPLICANT:
            if self.citizen_id:
                return f"citizen:{self.citizen_id}"
            return f"organisation:{self.tax_code}" if self.tax_code else "applicant"
        return self.key[:150]


def as_actor(actor) -> Actor:
    """An `Actor` as given, or a logged-in user read as a member of staff: the form every staff
    screen has at hand (`request.user`). Nothing else is guessed: the system and external
    parties always say who they are."""
    if isinstance(actor, Actor):
        return actor
    if actor is not None and getattr(actor, "is_authenticated", False):
        return Actor.staff(actor)
    raise TypeError("Pass an Actor (Actor.staff, .applicant, .system or .external).")
