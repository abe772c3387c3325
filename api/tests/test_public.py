"""The public endpoints: the catalogue, the lookup masked as the page masks it, rate-limited
with the page; the schema and its docs; JSON errors everywhere under /api/."""

import pytest
from django.urls import reverse

from api.tests.conftest import api
from portal.lookup import mask_name

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_and_shows_published_procedures_without_a_key(keys):
    listing = api().get(reverse("api:procedures"), {"q": "khai sinh"})
    assert listing.status_code == 200
    rows = listing.json()["results"]
    assert [row["name"] for row in rows] == ["Thủ tục đăng ký khai sinh"]
    detail = api().get(reverse("api:procedure", args=[rows[0]["procedure_id"]])).json()
    assert detail["fees"][0]["amount"] == 8000
    assert detail["documents"][0]["name"] == "Tờ khai theo mẫu"


def test_a_missing_procedure_is_a_json_404(keys):
    response = api().get(reverse("api:procedure", args=[999999]))
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy."}


def test_the_lookup_by_code_alone_shows_the_state_and_nothing_else(keys):
    response = api().get(reverse("api:lookup"), {"code": keys.dossier.code})
    assert response.status_code == 200
    body = response.json()
    assert body["full"] is False and body["national_code"] == 2
    assert set(body) == {"code", "national_code", "state_label", "full"}
    assert "no-store" in response["Cache-Control"]


def test_the_lookup_with_the_check_value_masks_the_name_as_the_page_does(keys, client):
    dossier = keys.dossier
    response = api().get(
        reverse("api:lookup"), {"code": dossier.code, "check": dossier.lookup_check}
    )
    body = response.json()
    assert body["full"] is True
    assert body["applicant"] == mask_name("Nguyễn Văn An") == "Nguyễn V** A"
    text = response.content.decode()
    for secret in ("001090012345", "0912345678", "Nguyễn Văn An"):
        assert secret not in text
    page = client.get(reverse("portal:lookup"), {"ma": dossier.code, "kt": dossier.lookup_check})
    assert body["applicant"] in page.content.decode()


def test_an_unknown_code_and_an_implausible_one_get_the_same_404(keys):
    unknown = api().get(reverse("api:lookup"), {"code": "000.00.1.T99-261208-9999"})
    odd = api().get(reverse("api:lookup"), {"code": "ü" * 5})
    assert unknown.status_code == odd.status_code == 404
    assert unknown.json() == odd.json()


def test_a_control_character_in_the_code_is_a_400_in_vietnamese(keys):
    response = api().get(reverse("api:lookup"), {"code": "ABC\x01"})
    assert response.status_code == 400
    assert response.json()["fields"]["code"]


def test_the_lookup_shares_the_pages_limit_per_address(keys, settings, client):
    settings.LOOKUP_RATE_LIMIT = 2
    assert client.get(reverse("portal:lookup"), {"ma": keys.dossier.code}).status_code == 200
    assert api().get(reverse("api:lookup"), {"code": keys.dossier.code}).status_code == 200
    refused = api().get(reverse("api:lookup"), {"code": keys.dossier.code})
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited" and refused["Retry-After"]


def test_wrong_check_values_are_limited_as_on_the_page(keys, settings):
    settings.LOOKUP_CHECK_FAILURE_LIMIT = 2
    for _ in range(2):
        api().get(reverse("api:lookup"), {"code": keys.dossier.code, "check": "ZZZZZZ"})
    response = api().get(
        reverse("api:lookup"), {"code": keys.dossier.code, "check": keys.dossier.lookup_check}
    )
    assert response.status_code == 429


def test_the_schema_is_openapi_3_and_the_docs_load_no_asset_from_elsewhere(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert "/api/v1/dossiers/{id}/transition/" in schema.json()["paths"]
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "//unpkg" not in html and "jsdelivr" not in html
    assert "<script>" not in html.replace(" ", "")  # no inline script under the CSP


def test_an_unknown_path_under_api_is_a_json_404(client):
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response["Content-Type"] == "application/json"


def test_an_unexpected_error_is_a_json_500_never_the_html_page(keys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("api.views_dossiers.dossiers_for_staff", broken)
    client = api(keys.counter_key)
    client.raise_request_exception = False
    response = client.get(reverse("api:dossiers"))
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "lỗi" in response.json()["message"]


def test_a_method_not_allowed_is_a_json_405(keys):
    response = api(keys.counter_key).delete(reverse("api:dossier", args=[keys.dossier.pk]))
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
