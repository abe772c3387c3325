"""The targets the model communes' plans set (DOMAIN.md §8), as shipped; administrators
correct the years and the documents for their province."""

from decimal import Decimal

SOURCE = "Mục tiêu theo kế hoạch CCHC của mô hình mẫu (cập nhật số, ký hiệu văn bản của tỉnh)"


def _rows():
    # 100 % on time, every year, both levels.
    for year in range(2021, 2031):
        for level in ("commune", "province"):
            yield "on_time", year, level, 100
    # Digitised results: 15 % (commune) and 20 % (the level above) in 2021, then +20 points a
    # year up to 100 %.
    for year in range(2021, 2031):
        yield "digitised_results", year, "commune", min(15 + 20 * (year - 2021), 100)
        yield "digitised_results", year, "province", min(20 + 20 * (year - 2021), 100)
    # From 2025: 80 % of dossiers moved between agencies electronically, 80 % of procedures
    # with fees payable online, 30 % of fee transactions paid online.
    for year in range(2025, 2031):
        for level in ("commune", "province"):
            yield "electronic_transfer", year, level, 80
            yield "fees_online", year, level, 80
            yield "online_payment", year, level, 30


def ship_targets(apps, schema_editor) -> None:
    target_model = apps.get_model("reports", "Target")
    for measure, year, level, value in _rows():
        target_model.objects.get_or_create(
            measure=measure,
            year=year,
            level=level,
            defaults={"value": Decimal(value), "source": SOURCE},
        )
