"""R11 headers, R12 CSRF, R14 malformed input, error pages in Vietnamese, Vietnamese by default."""

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PASSWORD

PUBLIC_URLS = [
    "/",
    "/dang-nhap/",
    "/khong-co-trang-nay/",
    "/thu-tuc/",
    "/tra-cuu/",
    "/tra-cuu/?ma=X",
]


def _staff_urls(cast):
    return [
        "/can-bo/",
        "/can-bo/co-quan/",
        f"/can-bo/co-quan/{cast.centre_a.code}/",
        "/can-bo/lich-lam-viec/",
        "/can-bo/nhat-ky/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_page_sends_the_security_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_https_responses_carry_hsts(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_for_logged_in_staff_are_never_cached(client, cast):
    client.force_login(cast.alice)
    for url in _staff_urls(cast)[:4]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_no_page_uses_inline_scripts(client, cast):
    client.force_login(cast.alice)
    for url in [*PUBLIC_URLS, *_staff_urls(cast)[:4]]:
        body = client.get(url).content.decode()
        assert "<script>" not in body and "onclick=" not in body, url


@pytest.mark.parametrize(
    "url,data",
    [
        ("/dang-nhap/", {"username": "alice", "password": PASSWORD}),
        ("/dang-xuat/", {}),
        ("/xac-thuc/thiet-lap/", {"token": "123456"}),
        ("/xac-thuc/", {"token": "123456"}),
    ],
)
@pytest.mark.parametrize("token", [None, "wrong-token-wrong-token-wrong-token-1234"])
def test_every_state_changing_post_without_a_valid_csrf_token_is_refused(cast, url, data, token):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice)
    if token:
        client.cookies["csrftoken"] = "a" * 32
        data = {**data, "csrfmiddlewaretoken": token}
    response = client.post(url, data)
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


@pytest.mark.django_db
def test_pages_are_vietnamese_even_for_an_english_browser(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in body
    assert "Hôm nay" in body


@pytest.mark.django_db
def test_the_language_switch_gives_english_and_back(client):
    back = client.get("/ngon-ngu/en/", {"next": "/tra-cuu/?ma=X"})
    assert (back.status_code, back["Location"]) == (302, "/tra-cuu/?ma=X")
    assert '<html lang="en">' in client.get("/").content.decode()
    client.get("/ngon-ngu/vi/", {"next": "/"})
    assert '<html lang="vi">' in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_language_switch_never_sends_the_reader_to_another_site(client, target):
    assert client.get("/ngon-ngu/en/", {"next": target})["Location"] == "/"


@pytest.mark.django_db
def test_public_pages_carry_no_csrf_token_so_they_are_the_same_for_everyone(client):
    body = client.get("/tra-cuu/").content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert 'href="/ngon-ngu/en/?next=/tra-cuu/"' in body


@pytest.mark.django_db
def test_a_garbage_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["motcua_language"] = "../../etc/passwd"
    assert '<html lang="vi">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_missing_pages_answer_404_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_a_forged_host_header_is_a_400_not_a_500(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_500_page_is_vietnamese_and_needs_no_database(client):
    from django.test import RequestFactory

    from core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Hệ thống gặp sự cố" in response.content.decode()


def test_a_post_to_a_read_only_page_is_refused_not_crashed(client, cast):
    client.force_login(cast.alice)
    assert client.post("/can-bo/lich-lam-viec/", {"year": "x"}).status_code in (200, 405)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["year", "received", "term_value", "term_unit", "agency", "page", "action", "next"]
        ),
        st.text(max_size=40),
        max_size=6,
    )
)
def test_no_query_string_crashes_a_staff_page(client, cast, params):
    client.force_login(cast.ivy)
    for url in _staff_urls(cast):
        response = client.get(url, params)
        assert response.status_code < 500, (url, params)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(username=st.text(max_size=200), password=st.text(max_size=200))
def test_no_login_input_crashes_the_login_page(client, cast, username, password):
    response = client.post("/dang-nhap/", {"username": username, "password": password})
    assert response.status_code in (200, 302, 429)
