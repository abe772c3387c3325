"""Targets against the figures counted from the records, and the charts drawn on the server."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from reports import charts
from reports.models import Target, TargetMeasure
from reports.targets import on_time_by_month, target_lines
from reports.tests.conftest import shipped_rows

pytestmark = pytest.mark.django_db


def test_targets_ship_from_the_seeds_with_their_source():
    shipped_rows()
    digitised = Target.objects.get(measure="digitised_results", year=2023, level="commune")
    assert digitised.value == Decimal(55)  # 15 % in 2021, then +20 points a year
    assert Target.objects.get(measure="digitised_results", year=2026, level="commune").value == 100
    assert Target.objects.get(measure="on_time", year=2026, level="province").value == 100
    assert digitised.source


def test_each_figure_stands_beside_its_target_with_its_trend(quarter):
    lines = {
        line.measure: line
        for line in target_lines(quarter.committee_a, year=2026, today=date(2026, 5, 15))
    }
    on_time = lines[TargetMeasure.ON_TIME]
    # Year to 15/05: the ten of the first quarter and R11, resolved late on 01/04.
    assert on_time.figure == Decimal("72.73")
    assert on_time.target.value == 100 and on_time.met is False
    assert [label for label, _value in on_time.trend] == ["2024", "2025", "Q1/2026", "Q2/2026"]
    assert dict(on_time.trend)["Q1/2026"] == Decimal("80.00")
    assert dict(on_time.trend)["2024"] is None  # nothing to count
    # Counted from the payments records now; this quarter has no dossier with a fee to count.
    payment = lines[TargetMeasure.ONLINE_PAYMENT]
    assert payment.available is True and payment.figure is None
    assert payment.target.value == 30
    assert lines[TargetMeasure.FEES_ONLINE].target.value == 80


def test_the_monthly_on_time_trend_follows_the_period(quarter):
    trend = on_time_by_month(
        quarter.committee_a, first_day=date(2026, 1, 1), last_day=date(2026, 3, 31)
    )
    assert [label for label, _value in trend] == ["01/26", "02/26", "03/26"]
    assert trend[2][1] == Decimal("33.33")  # March: R7 on time, R8 and R9 late


def test_charts_carry_a_name_a_description_and_their_values_as_text():
    svg = charts.bars(
        [("Tiến độ <giải quyết>", Decimal("16"), Decimal("20")), ("Thanh toán", None, Decimal(10))],
        title="Điểm theo nhóm",
        ident="g",
        missing="chưa có dữ liệu",
    )
    assert 'role="img"' in svg and '<title id="g-t">Điểm theo nhóm</title>' in svg
    assert "Tiến độ &lt;giải quyết&gt;: 16,00 / 20,00" in svg  # escaped, said in words
    assert "chưa có dữ liệu / 10,00" in svg
    assert "<script" not in svg
    mix = charts.mix([("Trực tiếp", 3), ("Bưu chính", 1)], title="Kênh", ident="m")
    assert "Trực tiếp: 3 (75,00 %)" in mix
    trend = charts.trend(
        [("Q1", Decimal("80")), ("Q2", None)],
        title="T",
        ident="t",
        target=Decimal(100),
        missing="không phát sinh",
    )
    assert "Q2: không phát sinh" in trend and "mục tiêu 100" in trend


def test_the_targets_page_shows_figure_target_and_chart(client, quarter):
    client.force_login(quarter.ivy)
    response = client.get(reverse("reports:targets"), {"year": "2026"})
    assert response.status_code == 200
    text = response.content.decode()
    # Every measure is counted from the records now (online payment too), each with its chart.
    assert text.count("<svg") == 5
    assert "Thủ tục có phí, lệ phí được thanh toán trực tuyến" in text


def test_the_scorecard_and_the_statistics_draw_their_charts(client, quarter):
    client.force_login(quarter.ivy)
    params = {"start": "01/01/2026", "end": "31/03/2026"}
    assert "<svg" in client.get(reverse("reports:index766"), params).content.decode()
    text = client.get(reverse("reports:statistics"), params).content.decode()
    assert text.count("<svg") == 2
