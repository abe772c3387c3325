"""The registry of external services: kinds, keys, the demo by default, per-agency choices and
the start-up check that refuses a key nobody registered."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from core.plugins import Plugin, PluginError, Registry, registry


class Carrier(Plugin):
    """A kind as an app would declare it, with its own base class."""

    def track(self, code: str) -> str:
        raise NotImplementedError


@pytest.fixture
def carriers(settings):
    settings.CARRIER = ""
    settings.CARRIER_BY_AGENCY = {}
    carriers = Registry()
    carriers.declare_kind("carrier", base=Carrier, demo="demo", setting="CARRIER")

    @carriers.register("carrier", "demo")
    class DemoCarrier(Carrier):
        def track(self, code):
            return "delivered"

    @carriers.register("carrier", "vnpost")
    class VNPost(Carrier):
        def track(self, code):
            return "in transit"

    return carriers


def test_the_demo_is_used_when_the_settings_choose_nothing(carriers):
    carrier = carriers.get("carrier")
    assert carrier.track("EB1") == "delivered"
    assert carrier.name == "carrier.demo"


def test_the_settings_choose_a_real_provider(carriers, settings):
    settings.CARRIER = "vnpost"
    assert carriers.get("carrier").name == "carrier.vnpost"


def test_an_agency_listed_apart_gets_its_own_provider_and_the_others_the_default(
    carriers, settings
):
    settings.CARRIER_BY_AGENCY = {"000.00.27.H01": "vnpost"}
    listed = carriers.get("carrier", agency="000.00.27.H01")
    assert listed.name == "carrier.vnpost"
    assert listed.agency == "000.00.27.H01"
    assert carriers.get("carrier", agency="000.00.28.H01").name == "carrier.demo"
    assert carriers.get("carrier").name == "carrier.demo"
    settings.CARRIER = "vnpost"
    settings.CARRIER_BY_AGENCY = {"000.00.27.H01": "demo"}
    assert carriers.get("carrier", agency="000.00.28.H01").name == "carrier.vnpost"
    assert carriers.get("carrier", agency="000.00.27.H01").name == "carrier.demo"


def test_an_unknown_key_is_reported_with_the_setting_to_fix_and_the_keys_it_could_be(
    carriers, settings
):
    settings.CARRIER = "viettel-post"
    settings.CARRIER_BY_AGENCY = {"000.00.27.H01": "vnpots"}
    assert carriers.problems() == [
        "CARRIER=viettel-post: no 'carrier' plugin has this key (known: demo, vnpost).",
        "CARRIER_BY_AGENCY for agency 000.00.27.H01=vnpots: no 'carrier' plugin has this key "
        "(known: demo, vnpost).",
    ]
    with pytest.raises(PluginError, match="CARRIER=viettel-post"):
        carriers.get("carrier")
    with pytest.raises(PluginError, match="CARRIER=viettel-post"):
        carriers.validate()


def test_a_kind_without_its_demo_is_a_problem(settings):
    settings.LONELY = ""
    lonely = Registry()
    lonely.declare_kind("lonely", base=Carrier, demo="demo", setting="LONELY")
    assert lonely.problems()[0] == "The 'lonely' plugins have no demo 'demo' registered."


def test_a_key_registered_twice_is_refused(carriers):
    with pytest.raises(PluginError, match="Two 'carrier' plugins use the key 'vnpost'"):

        @carriers.register("carrier", "vnpost")
        class AnotherVNPost(Carrier):
            pass


def test_a_class_of_another_kind_cannot_register(carriers):
    with pytest.raises(TypeError, match="does not subclass Carrier"):

        @carriers.register("carrier", "sms")
        class NotACarrier(Plugin):
            pass


def test_a_kind_is_declared_once_and_must_be_declared_before_use(carriers):
    with pytest.raises(PluginError, match="declared twice"):
        carriers.declare_kind("carrier", base=Carrier, demo="demo", setting="CARRIER")
    with pytest.raises(PluginError, match="No plugin kind 'gateway'"):
        carriers.get("gateway")


def test_the_system_check_stops_start_up_on_a_key_nobody_registered(
    carriers, settings, monkeypatch
):
    monkeypatch.setattr("core.plugins.registry", carriers)
    assert not [e for e in run_checks() if e.id == "core.E001"]
    settings.CARRIER = "viettel-post"
    errors = [e for e in run_checks() if e.id == "core.E001"]
    assert [e.msg for e in errors] == [
        "CARRIER=viettel-post: no 'carrier' plugin has this key (known: demo, vnpost)."
    ]


def test_the_projects_own_choices_pass_the_check():
    assert registry.problems() == []


def test_agency_choices_are_read_from_the_environment(monkeypatch):
    from config.settings.base import env_map

    monkeypatch.setenv("CARRIER_BY_AGENCY", "000.00.27.H01:vnpost, 000.00.28.H01:demo")
    assert env_map("CARRIER_BY_AGENCY") == {"000.00.27.H01": "vnpost", "000.00.28.H01": "demo"}
    monkeypatch.setenv("CARRIER_BY_AGENCY", "vnpost")
    with pytest.raises(ImproperlyConfigured, match="<agency code>:<key>"):
        env_map("CARRIER_BY_AGENCY")
