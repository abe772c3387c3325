"""The Decision 766 indicators as shipped (DOMAIN.md §9): the data migration loads these rows;
administrators edit them afterwards. Numbers follow the portal's groups as we read them
(1 transparency, 2 progress, 3 digitisation, 4 online services, 5 satisfaction, 6 online
payment); the four whose formula no official source confirms are flagged."""

SOURCE = "Quyết định 766/QĐ-TTg ngày 23/6/2022; bảng công thức của Cổng DVCQG"

# fmt: off
# (group, number, key, name, numerator, denominator, threshold %, max points, unconfirmed, note)
RULES = (
    ("transparency", "1.1", "procedures-published-on-time",
     "Công bố, công khai TTHC đúng hạn", "procedures_published_on_time",
     "procedures_in_effect", None, "6", False, ""),
    ("transparency", "1.2", "dossiers-disclosed-on-time",
     "Công khai hồ sơ đúng hạn", "dossiers_disclosed_on_time",
     "dossiers_received", None, "4", False, ""),
    ("transparency", "1.3", "procedures-complete",
     "TTHC công khai đầy đủ thành phần", "procedures_complete",
     "procedures_in_effect", None, "2", False, ""),
    ("transparency", "1.4", "dossiers-synced",
     "Hồ sơ đồng bộ lên Cổng DVCQG", "dossiers_synced",
     "dossiers_received", None, "6", False, ""),
    ("dvc-progress-tree", "2.1", "progress-on-time",
     "Hồ sơ giải quyết trước hạn, đúng hạn", "dossiers_resolved_on_time",
     "dossiers_resolved", None, "20", False, ""),
    ("dossier-digitized", "3.1", "electronic-results",
     "Cấp kết quả điện tử", "dossiers_electronic_result",
     "dossiers_resolved", None, "6", False, ""),
    ("dossier-digitized", "3.2", "digitised-components",
     "Số hóa thành phần hồ sơ", "dossiers_scanned_documents",
     "dossiers_received", "80", "4", True,
     "Tính theo hồ sơ có ít nhất một tệp quét; cách tính của Cổng chưa xác nhận."),
    ("dossier-digitized", "3.3", "electronic-certified-copies",
     "Cấp bản sao chứng thực điện tử", "dossiers_certified_copies_electronic",
     "dossiers_certified_copies", None, "2", False, ""),
    ("dossier-digitized", "3.4", "reuse-of-digitised-data",
     "Khai thác, sử dụng lại dữ liệu số hóa", "dossiers_reusing_digitised_data",
     "dossiers_received", "80", "2", False, ""),
    ("dossier-digitized", "3.5", "synced-to-data-store",
     "Đồng bộ kho dữ liệu của Cổng DVCQG", "dossiers_synced_to_data_store",
     "dossiers_received", None, "4", False, ""),
    ("dossier-digitized", "3.6", "population-database-dossiers",
     "Hồ sơ sử dụng CSDL quốc gia về dân cư", "dossiers_population_database",
     "dossiers_received", None, "2", True, ""),
    ("dossier-digitized", "3.7", "population-database-procedures",
     "TTHC kết nối CSDL quốc gia về dân cư", "procedures_population_database",
     "procedures_in_effect", None, "2", False, ""),
    ("provide-online-tree", "4.1", "online-services",
     "Hồ sơ trực tuyến toàn trình", "dossiers_online_full",
     "dossiers_online_eligible", None, "12", False, ""),
    ("handling-satisfaction", "5.1", "feedback-on-time",
     "Xử lý phản ánh, kiến nghị đúng hạn", "feedback_answered_on_time",
     "feedback_due", None, "6", False, ""),
    ("handling-satisfaction", "5.2", "feedback-satisfaction",
     "Hài lòng về xử lý phản ánh, kiến nghị", "feedback_handling_satisfied",
     "feedback_handling_answers", None, "6", True, ""),
    ("handling-satisfaction", "5.3", "reception-satisfaction",
     "Hài lòng về tiếp nhận, giải quyết TTHC", "dossiers_neither_late_nor_complained",
     "dossiers_received", "90", "6", True,
     "100% − tỷ lệ hồ sơ quá hạn − tỷ lệ hồ sơ bị phản ánh."),
    ("formality-online-payment-tree", "6.1", "procedures-fees-online",
     "TTHC có phí được thanh toán trực tuyến", "procedures_fees_online",
     "procedures_with_fees", None, "2", False, ""),
    ("formality-online-payment-tree", "6.2", "procedures-with-online-payments",
     "TTHC có phát sinh giao dịch thanh toán trực tuyến", "procedures_with_online_payments",
     "procedures_with_fees", None, "2", False, ""),
    ("formality-online-payment-tree", "6.3", "dossiers-paid-online",
     "Hồ sơ thanh toán trực tuyến", "dossiers_paid_online",
     "dossiers_with_fees", None, "6", False, ""),
)
# fmt: on

FIRST_YEAR = 2022


def ship_rules(apps, schema_editor) -> None:
    from decimal import Decimal

    rule_model = apps.get_model("reports", "IndicatorRule")
    for group, number, key, name, num, den, threshold, points, unconfirmed, note in RULES:
        rule_model.objects.update_or_create(
            key=key,
            first_year=FIRST_YEAR,
            defaults={
                "group": group,
                "number": number,
                "name": name,
                "numerator": num,
                "denominator": den,
                "threshold": None if threshold is None else Decimal(threshold),
                "max_points": Decimal(points),
                "unconfirmed": unconfirmed,
                "note": note,
                "source": SOURCE,
            },
        )
