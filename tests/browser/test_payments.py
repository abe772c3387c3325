"""Fees in the browser: a citizen on a 390 px phone pays from "Hồ sơ của tôi" with the demo
gateway — a failure, then a retry that succeeds; an officer at 1366 px sees the unpaid mark in the
queue, prints the payment slip with its VietQR, takes cash and prints the receipt. Every page
passes axe-core; screenshots are kept, and the slip's and the receipt's PDFs are rendered to PNG
(pdftoppm) next to them to be looked at."""

import shutil
import subprocess
from datetime import date

import pytest

from .conftest import DESKTOP, PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login


def _shot(page, name, *, width=None):
    if width:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (page.url, scroll)
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / f"payments-{name}.png"), full_page=True)


def _pdf_to_png(page, url, name) -> bytes:
    """Download the PDF with the page's session and render its first page at 60 dpi."""
    response = page.request.get(url)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = SCREENSHOT_DIR / f"payments-{name}.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf)[:-4]],
            check=True,
        )
    return response.body()


def _world(base_url):
    """A procedure with an 8.000 đ fee at Hoàn Kiếm's committee, two dossiers received at its
    centre under An's ID number, and An's verified citizen account."""
    from accounts.models import CitizenAccount
    from catalog.tests.builders import published
    from citizens.models import Citizen
    from dossiers.services import ApplicantData, ChecklistItem, Reception, dossier_receive
    from org.models import Agency, User
    from payments.demo import payments_seed
    from payments.services_obligations import obligations_ensure

    payments_seed()
    committee = Agency.objects.get(code="000.00.70.H01")
    centre = Agency.objects.get(code="000.10.70.H01")
    version = published(code="1.001193", agencies=[committee], days=3, fee=8000)
    officer = User.objects.get(username="hoankiem.tiepnhan")
    dossiers = []
    for _ in range(2):
        dossier = dossier_receive(
            reception=Reception(
                version=version,
                receiving_agency=centre,
                competent_agency=committee,
                applicant=ApplicantData(
                    full_name="Nguyễn Văn An", id_number="001090012345", phone="0912345678"
                ),
                checklist=[ChecklistItem(name="Tờ khai theo mẫu", originals=1)],
            ),
            actor=officer,
        )
        obligations_ensure(dossier=dossier)
        dossiers.append(dossier)
    citizen = Citizen.objects.create(
        id_number="001090012345",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 5, 1),
        gender="Nam",
        phone="0912345678",
    )
    account = CitizenAccount.objects.create(
        phone="0912345678",
        full_name="Nguyễn Văn An",
        id_number="001090012345",
        citizen=citizen,
        verified_by="registry",
        verified_at="2026-01-01T00:00Z",
    )
    return dossiers, account


def _citizen_context(browser, base_url, account):
    """A phone whose browser carries the session the one-time code step leaves (accounts has
    its own browser test of that step)."""
    import time

    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.session import SESSION_ACCOUNT, SESSION_SEEN_AT, SESSION_SIGNED_IN_AT

    session = SessionStore()
    now = int(time.time())
    session[SESSION_ACCOUNT] = account.pk
    session[SESSION_SIGNED_IN_AT] = now
    session[SESSION_SEEN_AT] = now
    session.save()
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}]
    )
    return context


@pytest.mark.django_db(transaction=True)
def test_a_citizen_pays_online_after_a_failure_and_an_officer_takes_cash(browser, demo):
    from payments.models import PaymentAttempt, Receipt

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (online, counter), account = _world(demo)

    # The citizen, on a phone.
    context = _citizen_context(browser, demo, account)
    page = context.new_page()
    try:
        page.goto(f"{demo}/cong-dan/ho-so/")
        assert "Phí phải nộp: 8.000 đ" in page.content()
        _shot(page, "citizen-my-dossiers", width=PHONE["width"])
        with page.expect_navigation():
            page.locator(f"a[href='/cong-dan/ho-so/{online.pk}/#fees-heading']").click()
        _shot(page, "citizen-dossier", width=PHONE["width"])
        with page.expect_navigation():
            page.get_by_role("link", name="Nộp phí trực tuyến").click()
        _shot(page, "citizen-pay", width=PHONE["width"])
        with page.expect_navigation():
            page.get_by_role("button", name="Nộp 8.000 đ trực tuyến").click()
        _shot(page, "demo-gateway", width=PHONE["width"])
        with page.expect_navigation():
            page.get_by_role("button", name="Thanh toán không thành công").click()
        assert "Chưa nộp được" in page.content()
        _shot(page, "citizen-failed", width=PHONE["width"])
        with page.expect_navigation():
            page.get_by_role("link", name="Thử lại").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Nộp 8.000 đ trực tuyến").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Thanh toán: thành công").click()
        assert "Đã nộp" in page.content()
        _shot(page, "citizen-paid", width=PHONE["width"])
        page.goto(f"{demo}/cong-dan/ho-so/{online.pk}/")
        assert "Đã nộp đủ." in page.content()
        _shot(page, "citizen-dossier-paid", width=PHONE["width"])
    finally:
        context.close()
    states = sorted(
        PaymentAttempt.objects.filter(obligation__dossier=online).values_list("state", flat=True)
    )
    assert states == ["failed", "succeeded"]

    # The officer, at a desk: the queue marks the other dossier unpaid; the slip carries its
    # VietQR; cash is taken and the receipt printed.
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        login(page, demo, "hoankiem.tiepnhan")
        page.goto(f"{demo}/can-bo/ho-so/?hang=tat-ca")
        assert "Chưa nộp phí 8.000 đ" in page.content() and "Đã nộp phí" in page.content()
        _shot(page, "officer-queue")
        page.goto(f"{demo}/can-bo/ho-so/{counter.pk}/")
        with page.expect_navigation():
            page.get_by_role("link", name="In giấy báo nộp phí có mã VietQR").click()
        assert page.locator(".slip-qr svg").count() == 1
        _shot(page, "officer-slip")
        slip = _pdf_to_png(page, page.url + "?pdf=1", "slip")
        assert slip.startswith(b"%PDF")
        page.goto(f"{demo}/can-bo/ho-so/{counter.pk}/")
        page.select_option(f"#pay-{counter.obligations.get().pk}-method", "cash")
        with page.expect_navigation():
            page.get_by_role("button", name="Ghi nhận đã thu và lập biên lai").click()
        assert "/can-bo/bien-lai/" in page.url
        _shot(page, "officer-receipt")
        receipt = Receipt.objects.get(attempt__obligation__dossier=counter)
        assert receipt.method == "cash" and receipt.amount == 8000
        _pdf_to_png(page, page.url.split("?")[0] + "?pdf=1", "receipt")
        # The day's reconciliation: 16.000 đ taken (online and cash), as on the receipts.
        page.goto(f"{demo}/can-bo/thanh-toan/doi-chieu/")
        assert "Tiền thu và biên lai khớp nhau" in page.content()
        assert "16.000 đ" in page.content()
        _shot(page, "officer-daybook")
    finally:
        context.close()
