"""Synthetic applicants: Vietnamese names, addresses and contact details, invented at random.

ID numbers have the citizen-ID shape (0 + province code, century-and-gender digit, birth year,
six digits) so forms and searches treat them like real ones; the last six digits are random.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]  # fmt: skip
# Roughly how common each family name is (Nguyễn alone is about four in ten).
FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5.1, 2.1, 4.5, 3.9, 1.5, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5]
MIDDLE = {
    "Nam": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Ngọc", "Anh"],
    "Nữ": ["Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Phương", "Bảo", "Hồng"],
}
GIVEN = {
    "Nam": ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh",
            "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt"],
    "Nữ": ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
           "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến"],
}  # fmt: skip
STREETS = ["ngõ 12", "ngõ 45", "ngách 3", "tổ dân phố 4", "thôn Đông", "thôn Đoài", "xóm Mới",
           "đường Lê Lợi", "đường Trần Phú", "phố Hàng Bạc"]  # fmt: skip
COMPANY = ["Thành Đạt", "Minh Phát", "Hòa Bình", "An Khang", "Phú Quý", "Việt Tiến", "Đại Nam"]
ORGANISATION_SHARE = 0.03
EMAIL_SHARE = 0.2


def applicant_fields(
    rng: random.Random, *, office, folded: Callable[[str], str], today: date | None = None
) -> dict:
    """The fields of one primary Applicant row, as keyword arguments."""
    gender = "Nam" if rng.random() < 0.48 else "Nữ"
    family = rng.choices(FAMILY, weights=FAMILY_WEIGHTS)[0]
    full_name = f"{family} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
    born = (today or date(2026, 1, 1)) - timedelta(days=rng.randint(18 * 365, 85 * 365))
    century = 0 if born.year < 2000 else 2
    id_number = (
        f"0{office.province_code}{century + (gender == 'Nữ')}{born.year % 100:02d}"
        f"{rng.randrange(1_000_000):06d}"
    )
    fields = {
        "is_primary": True,
        "kind": "individual",
        "full_name": full_name,
        "id_number": id_number,
        "birth_date": born,
        "gender": gender,
        "address": f"Số {rng.randint(1, 199)}, {rng.choice(STREETS)}, {office.place}",
        "phone": f"0{rng.choice('3579')}{rng.randrange(100_000_000):08d}",
        "email": "",
        "organisation_name": "",
        "tax_code": "",
        "search_name": folded(full_name),
    }
    if rng.random() < EMAIL_SHARE:
        fields["email"] = f"{folded(full_name).replace(' ', '.')}{rng.randint(1, 99)}@example.vn"
    if rng.random() < ORGANISATION_SHARE:
        organisation = f"Công ty TNHH {rng.choice(COMPANY)} {rng.randint(1, 99)}"
        fields.update(
            kind="organisation",
            organisation_name=organisation,
            tax_code=f"01{rng.randrange(100_000_000):08d}",
            search_name=folded(organisation),
        )
    return fields
