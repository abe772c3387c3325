"""The registry of everything external: a kind per service (SMS, e-mail, payment gateway, postal
carrier…), implementations of each kind by key, the one in use chosen in the settings.

An app declares a kind with its own base class and the key of its demo implementation, which
works offline and is used unless the settings name another; implementations register under
their kind with `@registry.register(kind, key)`. The registry knows nothing of what a kind does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class PluginError(ImproperlyConfigured):
    """A kind or key that does not exist, or one registered twice: a mistake of configuration
    or of code, reported when the process starts (system check) rather than at first use."""


class Plugin:
    """Base of every kind's base class. An instance serves one agency (its code; empty for the
    deployment's default), so a real provider can pick that agency's own contract."""

    # Set by `Registry.register`: "sms" and "console" for the console SMS channel.
    kind: str = ""
    key: str = ""
    verbose_name: str = ""

    def __init__(self, *, agency: str = "") -> None:
        self.agency = agency

    @property
    def name(self) -> str:
        """How history, audit and event rows name an external party: "sms.console"."""
        return f"{self.kind}.{self.key}"


P = TypeVar("P", bound=type[Plugin])


@dataclass(frozen=True)
class Kind:
    name: str
    base: type[Plugin]
    demo: str
    # The setting that chooses the key, read from the environment variable of the same name;
    # `<setting>_BY_AGENCY` maps agency codes to the keys of agencies that differ.
    setting: str

    @property
    def agency_setting(self) -> str:
        return f"{self.setting}_BY_AGENCY"


class Registry:
    def __init__(self) -> None:
        self._kinds: dict[str, Kind] = {}
        self._plugins: dict[str, dict[str, type[Plugin]]] = {}

    def declare_kind(self, name: str, *, base: type[Plugin], demo: str, setting: str) -> Kind:
        if name in self._kinds:
            raise PluginError(f"The plugin kind {name!r} is declared twice.")
        if not issubclass(base, Plugin):
            raise TypeError(f"The base class of plugin kind {name!r} must subclass Plugin.")
        kind = Kind(name=name, base=base, demo=demo, setting=setting)
        self._kinds[name] = kind
        self._plugins[name] = {}
        return kind

    def register(self, kind: str, key: str) -> Callable[[P], P]:
        """Class decorator: `@registry.register("sms", "file")`."""

        def decorator(cls: P) -> P:
            declared = self.kind(kind)
            if not issubclass(cls, declared.base):
                raise TypeError(
                    f"{cls.__qualname__} cannot be a {kind!r} plugin: "
                    f"it does not subclass {declared.base.__qualname__}."
                )
            if key in self._plugins[kind]:
                raise PluginError(
                    f"Two {kind!r} plugins use the key {key!r}: "
                    f"{self._plugins[kind][key].__qualname__} and {cls.__qualname__}."
                )
            cls.kind, cls.key = kind, key
            self._plugins[kind][key] = cls
            return cls

        return decorator

    def kind(self, name: str) -> Kind:
        try:
            return self._kinds[name]
        except KeyError:
            raise PluginError(f"No plugin kind {name!r} is declared.") from None

    def kinds(self) -> list[Kind]:
        return list(self._kinds.values())

    def keys(self, kind: str) -> list[str]:
        self.kind(kind)
        return sorted(self._plugins[kind])

    def chosen_key(self, kind: str, *, agency: str = "") -> str:
        """The key the settings choose for `agency`: its own when listed, else the default,
        else the demo."""
        declared = self.kind(kind)
        overrides = getattr(settings, declared.agency_setting, None) or {}
        if agency and overrides.get(agency):
            return overrides[agency]
        return getattr(settings, declared.setting, "") or declared.demo

    def get(self, kind: str, *, agency: str = "", key: str = "") -> Plugin:
        """An instance of the implementation chosen for `agency`, or of `key` when an app
        chose it from its own configuration (a payments agency's gateway account)."""
        key = key or self.chosen_key(kind, agency=agency)
        cls = self._plugins[kind].get(key)
        if cls is None:
            raise PluginError(self._unknown(self.kind(kind), key, agency))
        return cls(agency=agency)

    def problems(self) -> list[str]:
        """Every chosen key that names no registered implementation, and every kind without its
        demo: reported by the system check, so a typo stops the process at start-up."""
        found = []
        for kind in self._kinds.values():
            if kind.demo not in self._plugins[kind.name]:
                found.append(f"The {kind.name!r} plugins have no demo {kind.demo!r} registered.")
            chosen = [("", getattr(settings, kind.setting, "") or kind.demo)]
            overrides = getattr(settings, kind.agency_setting, None) or {}
            chosen += sorted(overrides.items())
            for agency, key in chosen:
                if key not in self._plugins[kind.name]:
                    found.append(self._unknown(kind, key, agency))
        return found

    def validate(self) -> None:
        """Raise one error listing every problem: for processes that run no system check
        (the WSGI application)."""
        if found := self.problems():
            raise PluginError(" ".join(found))

    def _unknown(self, kind: Kind, key: str, agency: str) -> str:
        where = f"{kind.agency_setting} for agency {agency}" if agency else kind.setting
        known = ", ".join(sorted(self._plugins[kind.name])) or "none registered"
        return f"{where}={key}: no {kind.name!r} plugin has this key (known: {known})."


# The registry of the running project; tests of the registry itself build their own.
registry = Registry()
