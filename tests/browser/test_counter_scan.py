"""The counter in the browser: a USB scanner types the ID card's QR text and Enter, the applicant
block fills itself, a returning citizen agrees to reuse what the office holds, and the receipt
prints. Counts the officer's interactions from the scan to the printed receipt (issue 5: at most
6 for a certified copy) and checks every screen with axe-core."""

from playwright.sync_api import expect

from .conftest import SCREENSHOT_DIR, assert_no_serious_axe_violations, login

CERTIFIED_COPY = "2.000815"  # Chứng thực bản sao từ bản chính, in the seed catalogue
ID_NUMBER = "001090012345"  # made up, in the card's format
ADDRESS = "12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội"
CARD = f"{ID_NUMBER}|012345678|Nguyễn Văn Bình|15031990|Nam|{ADDRESS}|20042021"
MAX_INTERACTIONS = 6


def _returning_citizen(version):
    """Bình came last month to certify his diploma: he is in the registry with a phone number,
    and his earlier dossier holds his answers to the certified-copy e-form."""
    from datetime import date

    from citizens.models import Citizen
    from dossiers.selectors import competent_agencies, receiving_agencies_of
    from dossiers.services import ApplicantData, ChecklistItem, Reception, dossier_receive
    from org.models import User

    officer = User.objects.get(username="hoankiem.tiepnhan")
    citizen = Citizen.objects.create(
        id_number=ID_NUMBER,
        old_id_number="012345678",
        full_name="Nguyễn Văn Bình",
        birth_date=date(1990, 3, 15),
        gender="Nam",
        address="12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội",
        phone="0912345678",
    )
    dossier_receive(
        reception=Reception(
            version=version,
            receiving_agency=receiving_agencies_of(officer)[0],
            competent_agency=competent_agencies(officer, version)[0],
            applicant=ApplicantData(
                full_name=citizen.full_name, id_number=ID_NUMBER, citizen=citizen
            ),
            form_data={
                "requester_name": citizen.full_name,
                "requester_id_number": ID_NUMBER,
                "document_name": "Bằng tốt nghiệp trung học phổ thông",
                "document_issuer": "Sở Giáo dục và Đào tạo Hà Nội",
                "page_count": "1",
                "copy_count": "2",
            },
            checklist=[ChecklistItem(name="Bản chính giấy tờ", originals=1)],
        ),
        actor=officer,
    )
    return citizen


def _version():
    from catalog.models import ProcedureVersion

    return ProcedureVersion.objects.get(procedure__national_code=CERTIFIED_COPY, status="published")


def _shot(page, name):
    """The whole page, and what the officer sees on a 1366×768 screen."""
    page.screenshot(path=str(SCREENSHOT_DIR / f"counter-scan-{name}.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"counter-scan-{name}-screen.png"))


def test_a_returning_citizen_goes_from_card_scan_to_printed_receipt_in_6_interactions(page, demo):
    from catalog.demo import catalog_seed
    from citizens.models import Consent
    from dossiers.models import Dossier

    catalog_seed()
    version = _version()
    _returning_citizen(version)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/tiep-nhan/?thu_tuc={version.pk}")
    assert page.evaluate("document.activeElement.id") == "id_card"
    assert_no_serious_axe_violations(page)
    _shot(page, "1-ready")

    # A malformed scan explains itself and changes nothing.
    page.keyboard.type("001090012345|Nguyễn Văn Bình")
    page.keyboard.press("Enter")
    error = page.locator("#id_card_error")
    error.wait_for()
    assert "không đủ thông tin" in error.inner_text()
    assert page.locator("#id_full_name").input_value() == ""
    assert page.evaluate("document.activeElement.id") == "id_card"
    _shot(page, "2-malformed")

    # The scanner types the card's text and Enter: the block fills, the page does not submit.
    url = page.url
    page.keyboard.type(CARD)
    page.keyboard.press("Enter")
    expect(page.locator("#id_full_name")).to_have_value("Nguyễn Văn Bình")
    assert page.url == url
    assert (
        not Dossier.objects.filter(applicants__citizen__isnull=False)
        .exclude(form_data__document_name="Bằng tốt nghiệp trung học phổ thông")
        .exists()
    )
    assert page.locator("#id_full_name").input_value() == "Nguyễn Văn Bình"
    assert page.locator("#id_birth_date").input_value() == "15/03/1990"
    assert page.locator("#id_ef-requester_name").input_value() == "Nguyễn Văn Bình"
    held = page.locator(".known-data").inner_text()
    assert "Dữ liệu đã có" in held and "0912345678" in held and "Từ hồ sơ" in held
    assert page.locator("#id_phone").input_value() == ""  # not before the citizen agrees
    # Data is held: the focus is on the consent box, with the panel on screen.
    assert page.evaluate("document.activeElement.id") == "id_reuse_consent"
    assert_no_serious_axe_violations(page)
    _shot(page, "3-scanned")

    # From here on, every click, key press or typed value the officer makes is counted.
    interactions = 0
    page.keyboard.press("Space")  # 1: the citizen agrees, the held data fills the empty fields
    interactions += 1
    expect(page.locator("#id_phone")).to_have_value("0912345678")
    assert page.locator("#id_phone").input_value() == "0912345678"
    assert page.locator("#id_ef-page_count").input_value() == "1"
    consent = Consent.objects.get()
    assert (consent.purpose, consent.granted_by.username) == ("reuse", "hoankiem.tiepnhan")
    assert_no_serious_axe_violations(page)
    _shot(page, "4-reused")

    page.fill("#id_ef-document_name", "Học bạ trung học phổ thông")  # 2: today's document
    interactions += 1
    page.locator(".checklist input[type=checkbox]").first.check()  # 3: the original is shown
    interactions += 1
    with page.expect_navigation():
        page.keyboard.press("Alt+s")  # 4: accept and receive
    interactions += 1
    dossier = Dossier.objects.order_by("-pk").first()
    assert dossier.code in page.locator("main h1").inner_text()
    applicant = dossier.applicants.get()
    assert applicant.citizen.id_number == ID_NUMBER and applicant.phone == "0912345678"
    assert dossier.form_data["document_name"] == "Học bạ trung học phổ thông"
    with page.expect_navigation():
        page.keyboard.press("Alt+p")  # 5: open the receipt (Mẫu 01)
    interactions += 1
    page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")
    page.keyboard.press("Enter")  # 6: print (the print button has the focus)
    interactions += 1
    assert page.evaluate("window.__printed"), "the print dialog was not opened"
    assert dossier.code in page.locator("main").inner_text()
    page.emulate_media(media="print")
    page.pdf(path=str(SCREENSHOT_DIR / "counter-scan-receipt.pdf"), format="A4")
    page.emulate_media(media="screen")

    print(f"\nInteractions after the scan, to the printed receipt: {interactions}")
    assert interactions <= MAX_INTERACTIONS

    # His next visit: the consent he gave holds, so the scan alone fills the held data.
    page.goto(f"{demo}/can-bo/ho-so/tiep-nhan/?thu_tuc={version.pk}")
    page.keyboard.type(CARD)
    page.keyboard.press("Enter")
    expect(page.locator("#id_phone")).to_have_value("0912345678")
    assert page.locator("#id_reuse_consent").is_checked()
    assert "Công dân đã đồng ý ngày" in page.locator(".known-data").inner_text()
    assert Consent.objects.count() == 1
    assert_no_serious_axe_violations(page)
    _shot(page, "6-next-visit")


def test_without_javascript_the_scanners_enter_reads_the_card(browser, demo):
    from catalog.demo import catalog_seed
    from dossiers.models import Dossier

    from .conftest import DESKTOP

    catalog_seed()
    version = _version()
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/tiep-nhan/?thu_tuc={version.pk}")
    page.fill("#id_phone", "0987654321")
    page.locator("#id_card").focus()
    page.keyboard.type(CARD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_full_name").input_value() == "Nguyễn Văn Bình"
    assert page.locator("#id_phone").input_value() == "0987654321"  # kept
    assert not Dossier.objects.exists()
    # Enter in any other field receives the dossier (the form's default button).
    for field in page.locator("fieldset input[required]").all():
        if not field.input_value():
            field.fill("2")
    page.fill("#id_ef-document_name", "Học bạ")
    page.locator(".checklist input[type=checkbox]").first.check()
    page.locator("#id_ef-document_name").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Dossier.objects.count() == 1
    _shot(page, "5-nojs-received")
    context.close()


def test_a_changed_address_is_shown_beside_the_stored_one_and_the_officer_picks(page, demo):
    from datetime import date

    from catalog.demo import catalog_seed
    from citizens.models import Citizen

    catalog_seed()
    version = _version()
    Citizen.objects.create(
        id_number=ID_NUMBER,
        full_name="Nguyễn Văn Bình",
        birth_date=date(1990, 3, 15),
        gender="Nam",
        address="Số 5 ngõ 10 Hàng Bông, Hà Nội",
    )
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/tiep-nhan/?thu_tuc={version.pk}")
    page.keyboard.type(CARD)
    page.keyboard.press("Enter")
    differences = page.locator(".differences")
    differences.wait_for()
    text = differences.inner_text()
    assert "Số 5 ngõ 10 Hàng Bông, Hà Nội" in text and ADDRESS in text
    assert page.locator("#id_address").input_value() == ADDRESS
    page.locator(".differences input[value=stored]").check()
    assert page.locator("#id_address").input_value() == "Số 5 ngõ 10 Hàng Bông, Hà Nội"
    page.select_option("#id_support_category", "visually_impaired")
    assert_no_serious_axe_violations(page)
    _shot(page, "6-differences")
    assert Citizen.objects.get().address == "Số 5 ngõ 10 Hàng Bông, Hà Nội"  # not overwritten


def test_the_whole_counter_for_a_citizen_who_cannot_see(page, demo):
    """Scan, fill the declaration for the citizen, receive, print the receipt, then have the
    declaration read aloud before the citizen signs it, and print it in large type."""
    from catalog.demo import catalog_seed
    from dossiers.models import Dossier

    from .test_counter_models import SPEECH_STUB

    catalog_seed()
    version = _version()
    page.add_init_script(SPEECH_STUB)
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/tiep-nhan/?thu_tuc={version.pk}")
    page.keyboard.type(CARD)
    page.keyboard.press("Enter")
    expect(page.locator("#id_full_name")).to_have_value("Nguyễn Văn Bình")
    page.fill("#id_ef-document_name", "Giấy chứng nhận kết hôn")
    page.fill("#id_ef-document_issuer", "Công an Phường Hoàn Kiếm")
    page.fill("#id_ef-page_count", "4")
    page.fill("#id_ef-copy_count", "2")
    page.select_option("#id_support_category", "visually_impaired")
    page.locator(".checklist input[type=checkbox]").first.check()
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.keyboard.press("Alt+s")
    dossier = Dossier.objects.order_by("-pk").first()
    assert (dossier.support_category, dossier.assisted_by.username) == (
        "visually_impaired",
        "hoankiem.tiepnhan",
    )
    assert dossier.applicants.get().full_name == "Nguyễn Văn Bình"  # the citizen stays applicant

    with page.expect_navigation():
        page.keyboard.press("Alt+p")  # the receipt (Mẫu 01)
    page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed"), "the receipt was not printed"

    # From the dossier page, where the declaration is listed, to its large print: Alt+L.
    page.goto(f"{demo}/can-bo/ho-so/{dossier.pk}/")
    assert "Giấy chứng nhận kết hôn" in page.locator("#declaration-heading + dl").inner_text()
    page.screenshot(path=str(SCREENSHOT_DIR / "counter-assisted-dossier-page.png"), full_page=True)
    with page.expect_navigation():
        page.keyboard.press("Alt+l")
    assert page.url.endswith(f"/can-bo/ho-so/{dossier.pk}/to-khai-chu-lon/")
    assert "người khiếm thị" in page.locator("main").inner_text()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Đọc to").click()
    said = " ".join(utterance["text"] for utterance in page.evaluate("window.__spoken"))
    assert "Giấy chứng nhận kết hôn" in said and "Nguyễn Văn Bình" in said
    page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="In (khổ A4)").click()
    assert page.evaluate("window.__printed"), "the declaration was not printed"
    page.emulate_media(media="print")
    page.pdf(path=str(SCREENSHOT_DIR / "counter-whole-declaration.pdf"), format="A4")
    page.emulate_media(media="screen")
    _shot(page, "7-whole-declaration")
