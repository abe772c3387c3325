"""The staff audit log says in words what each row records and filters by a list of actions."""

import re

from django.urls import reverse

from conftest import login_verified
from core.audit import audit_record


def test_the_audit_log_names_actions_in_vietnamese_and_filters_from_a_list(
    client, cast, django_assert_max_num_queries
):
    code = cast.centre_a.code
    audit_record(action="dossier_view", actor=cast.alice, agency_code=code, object_repr="H01-1")
    audit_record(action="dossier_receive", actor=cast.alice, agency_code=code, object_repr="H01-2")
    audit_record(action="dossier_approve", actor=cast.alice, agency_code=code, object_repr="H01-3")
    audit_record(action="something_new", actor=cast.alice, agency_code=code, object_repr="H01-4")
    login_verified(client, cast.ada)
    url = reverse("org:audit-log")

    page = client.get(url).content.decode()
    for label in ("Xem hồ sơ", "Tiếp nhận hồ sơ", "Phê duyệt, ký kết quả", "something_new"):
        assert f">{label}</td>" in page
    assert '<select id="action" name="action">' in page
    assert '<option value="dossier_view">Xem hồ sơ</option>' in page
    assert '<option value="" selected>Tất cả hành động</option>' in page

    with django_assert_max_num_queries(12):
        page = client.get(url, {"action": "dossier_view"}).content.decode()
    assert "H01-1" in page and "H01-2" not in page
    assert '<option value="dossier_view" selected>Xem hồ sơ</option>' in page
    assert re.search(r"href=\"\?action=dossier_view&amp;page=", page) or "Trang 1" in page

    # A code not in the list: the whole log, never an error.
    response = client.get(url, {"action": "<script>"})
    assert response.status_code == 200
    assert "H01-4" in response.content.decode()
