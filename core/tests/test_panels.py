"""A higher app adds its part to the dossier page and to "Việc hôm nay" without the lower app
importing it (core.panels)."""

import pytest
from django.urls import reverse
from django.utils.html import format_html

from core import panels
from dossiers.services import dossier_receive
from dossiers.tests.conftest import office as office  # noqa: F401 - a fixture, used by name
from dossiers.tests.conftest import reception_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setattr(panels, "_DOSSIER_PANELS", [])
    monkeypatch.setattr(panels, "_TODAY_SECTIONS", [])

    @panels.dossier_panel(order=20)
    def second(request, dossier):
        return format_html("<section id='second'>{}</section>", dossier.code)

    @panels.dossier_panel(order=10)
    def first(request, dossier):
        return format_html("<section id='first'>paid for {}</section>", dossier.code)

    @panels.dossier_panel(order=5)
    def silent(request, dossier):
        return None

    @panels.today_section()
    def post_today(request):
        return panels.TodaySection(
            key="post",
            title="Kết quả cần gửi bưu điện",
            count=2,
            url="/buu-dien/",
            rows=[("HS-1", "Nguyễn Văn An", "/buu-dien/1/")],
        )


def test_the_dossier_page_shows_registered_panels_in_order(client, office, registered):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    client.force_login(office.alice)
    html = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert f"paid for {dossier.code}" in html
    assert html.index("id='first'") < html.index("id='second'")
    # After the fees, before the history.
    assert html.index("fees-heading") < html.index("id='first'") < html.index("history-heading")


def test_registering_the_same_function_twice_keeps_one_panel(monkeypatch):
    monkeypatch.setattr(panels, "_DOSSIER_PANELS", [])

    def once(request, dossier):
        return "<p>x</p>"

    panels.dossier_panel()(once)
    panels.dossier_panel()(once)
    assert panels.dossier_panels(None, None) == ["<p>x</p>"]


def test_todays_work_lists_a_modules_section_with_its_link(client, office, registered):
    client.force_login(office.alice)
    html = client.get(reverse("counter:today")).content.decode()
    assert "Kết quả cần gửi bưu điện" in html
    assert 'href="/buu-dien/1/"' in html and "Nguyễn Văn An" in html
    assert 'href="/buu-dien/"' in html


def test_panels_render_nothing_when_none_is_registered(monkeypatch):
    monkeypatch.setattr(panels, "_DOSSIER_PANELS", [])
    assert panels.dossier_panels(None, None) == []
