"""Browser test of the counter models with the demo data: a volunteer records a guided session
with an online submission and makes a guidance slip; an officer has the large-print declaration
read aloud and prints it, then reads the counts. Each page is checked with axe-core, and the
slip and the declaration are printed to PDF for review."""

from .conftest import SCREENSHOT_DIR, assert_no_serious_axe_violations, login

CERTIFIED_COPY = "2.000815"  # Chứng thực bản sao từ bản chính, in the seed catalogue
HOANKIEM_CENTRE_CODE = "000.10.70.H01"
# Records what the page asks the speech synthesiser to say, instead of speaking, with one
# Vietnamese voice; window.__finishReading() ends the last line as the voice would.
SPEECH_STUB = """
window.__spoken = [];
window.__utterances = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: {
    speak: function (utterance) {
      window.__spoken.push({ text: utterance.text, lang: utterance.lang });
      window.__utterances.push(utterance);
      setTimeout(function () { if (utterance.onstart) utterance.onstart({}); }, 0);
    },
    cancel: function () {},
    getVoices: function () { return [{ name: "Tiếng Việt", lang: "vi-VN" }]; },
    addEventListener: function () {},
    removeEventListener: function () {},
  },
});
window.__finishReading = function () {
  var last = window.__utterances[window.__utterances.length - 1];
  if (last && last.onend) last.onend({});
};
"""


def _shot(page, name):
    page.screenshot(path=str(SCREENSHOT_DIR / f"counter-models-{name}.png"), full_page=True)


def _pdf(page, name):
    page.emulate_media(media="print")
    page.pdf(path=str(SCREENSHOT_DIR / f"counter-models-{name}.pdf"), prefer_css_page_size=True)
    page.emulate_media(media="screen")


def _assisted_dossier(version):
    from dossiers.services import ApplicantData, Reception, dossier_receive
    from org.models import Agency, User

    centre = Agency.objects.get(code=HOANKIEM_CENTRE_CODE)
    return dossier_receive(
        reception=Reception(
            version=version,
            receiving_agency=centre,
            competent_agency=centre.parent,
            applicant=ApplicantData(full_name="Bùi Thị Nhàn"),
            form_data={
                "requester_name": "Bùi Thị Nhàn",
                "document_name": "Giấy chứng nhận quyền sử dụng đất",
                "page_count": 4,
                "copy_count": 2,
            },
            support_category="visually_impaired",
            assisted_by=User.objects.get(username="hoankiem.tinhnguyen"),
        ),
        actor=User.objects.get(username="hoankiem.tiepnhan"),
    )


def _on_todays_roster(username):
    """A volunteer guides citizens only on a day the roster names them."""
    from django.utils import timezone

    from counter.models import DutyShift, HalfDay, HelperOrganisation
    from org.models import Role, StaffRole, User

    volunteer = User.objects.get(username=username)
    centre = StaffRole.objects.get(user=volunteer, role=Role.VOLUNTEER).agency
    DutyShift.objects.create(
        agency=centre,
        day=timezone.localdate(),
        half_day=HalfDay.MORNING,
        counter="Quầy 1",
        helper=volunteer,
        organisation=HelperOrganisation.YOUTH_UNION,
        created_by=User.objects.get(username="hoankiem.tiepnhan"),
    )


def test_a_volunteer_guides_online_and_an_officer_reads_the_declaration_aloud(page, demo):
    from catalog.demo import catalog_seed
    from catalog.models import ProcedureVersion
    from counter.models import GuidanceSlip, GuidedSession

    catalog_seed()
    version = ProcedureVersion.objects.get(
        procedure__national_code=CERTIFIED_COPY, status="published"
    )
    # The seed catalogue does not offer this procedure online; the guided submission goes
    # online, which reception refuses for a channel the version does not offer.
    version.channels.filter(channel="2").update(available=True, term_value=0)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.add_init_script(SPEECH_STUB)
    _on_todays_roster("hoankiem.tinhnguyen")

    # The volunteer logs in straight to the guidance screens, and sees only those.
    login(page, demo, "hoankiem.tinhnguyen")
    assert page.url.endswith("/can-bo/huong-dan/")
    menu = page.locator(".side-nav").inner_text()
    assert "Hướng dẫn tại quầy" in menu and "Hồ sơ" not in menu
    assert_no_serious_axe_violations(page)
    _shot(page, "1-guidance-home")

    page.get_by_role("link", name="Ghi nhận lượt hướng dẫn").click()
    page.fill("#id_q", "chứng thực bản sao từ bản chính")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with page.expect_navigation():
        page.locator(f"a[href='?thu_tuc={version.pk}']").click()
    page.check("input[name=hard_step][value=upload]")
    page.fill("#id_note", "Chưa biết chụp giấy tờ bằng điện thoại")
    # Typed once: the declaration's own name and ID number fields take them when left empty.
    page.fill("#id_full_name", "Đoàn Văn Hậu")
    page.fill("#id_id_number", "001090054321")
    page.fill("#id_ef-document_name", "Học bạ trung học phổ thông")
    page.fill("#id_ef-page_count", "6")
    page.fill("#id_ef-copy_count", "1")
    assert_no_serious_axe_violations(page)
    _shot(page, "2-guided-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Ghi nhận lượt hướng dẫn").click()
    session = GuidedSession.objects.get()
    dossier = session.dossier
    assert dossier.guided_online and dossier.channel == "2" and dossier.state == "submitted"
    assert session.helper.username == "hoankiem.tinhnguyen"
    assert dossier.form_data["requester_name"] == "Đoàn Văn Hậu"
    assert f"hồ sơ {dossier.code} đã được nộp trực tuyến" in page.locator(".messages").inner_text()
    assert "tải giấy tờ lên" in page.locator("main").inner_text()
    _shot(page, "3-guided-recorded")

    # Documents missing: a guidance slip, printed on A4.
    page.goto(f"{demo}/can-bo/huong-dan/phieu/moi/?thu_tuc={version.pk}")
    page.fill("#id_citizen_name", "Đoàn Văn Hậu")
    page.locator("input[name=missing]").first.check()
    page.fill("#id_other_items", "Bản chính giấy tờ cần chứng thực để đối chiếu")
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ghi nhận và in phiếu").click()
    slip = GuidanceSlip.objects.get()
    assert "PHIẾU HƯỚNG DẪN HOÀN THIỆN HỒ SƠ" in page.locator("main").inner_text()
    assert_no_serious_axe_violations(page)
    _shot(page, "4-slip")
    _pdf(page, "slip")
    assert slip.officer.username == "hoankiem.tinhnguyen"

    # The volunteer reaches no dossier.
    response = page.goto(f"{demo}/can-bo/ho-so/{dossier.pk}/")
    assert response.status == 403
    page.context.clear_cookies()

    # The officer has the declaration of an assisted dossier read aloud, then prints it.
    assisted = _assisted_dossier(version)
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/{assisted.pk}/to-khai-chu-lon/")
    main = page.locator("main").inner_text()
    assert "Giấy chứng nhận quyền sử dụng đất" in main
    assert "kê khai hộ" in main and "Đặng Thị Ngọc Ánh" in main
    assert_no_serious_axe_violations(page)
    stop = page.get_by_role("button", name="Dừng đọc")
    assert not stop.is_visible(), "the stop button shows before reading starts"
    page.get_by_role("button", name="Đọc to").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken, "speechSynthesis.speak was not called"
    assert {utterance["lang"] for utterance in spoken} == {"vi-VN"}
    said = " ".join(utterance["text"] for utterance in spoken)
    assert "Giấy chứng nhận quyền sử dụng đất" in said and "Bùi Thị Nhàn" in said
    assert page.locator("[data-read-status]").inner_text() == "Đang đọc…"
    assert stop.is_visible()
    stop.click()
    assert page.locator("[data-read-status]").inner_text() == "Đã dừng đọc."
    assert not stop.is_visible()
    # Read to the end, the stop button goes away by itself.
    page.get_by_role("button", name="Đọc to").click()
    assert stop.is_visible()
    page.evaluate("window.__finishReading()")
    assert page.locator("[data-read-status]").inner_text() == "Đã đọc xong."
    assert not stop.is_visible()
    _shot(page, "5-declaration-large")
    page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="In (khổ A4)").click()
    assert page.evaluate("window.__printed"), "the print dialog was not opened"
    _pdf(page, "declaration-large")

    # The counts come from what was just recorded.
    page.goto(f"{demo}/can-bo/so-lieu-mo-hinh/")
    sentences = page.locator(".counts-sentences").inner_text()
    assert "Kê khai hộ: 1 người tính đến" in sentences
    assert "Hướng dẫn nộp hồ sơ trực tuyến: 1 người tính đến" in sentences
    assert "Phiếu hướng dẫn: 1 người tính đến" in sentences
    assert_no_serious_axe_violations(page)
    _shot(page, "6-counts")


def test_without_a_vietnamese_voice_the_officer_is_told_to_read_the_large_print(page, demo):
    """Headless Chromium has no voice at all: reading aloud says so instead of "Đang đọc…"
    forever, and hands over the large print."""
    from catalog.demo import catalog_seed
    from catalog.models import ProcedureVersion

    catalog_seed()
    version = ProcedureVersion.objects.get(
        procedure__national_code=CERTIFIED_COPY, status="published"
    )
    assisted = _assisted_dossier(version)
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/{assisted.pk}/to-khai-chu-lon/")
    stop = page.get_by_role("button", name="Dừng đọc")
    assert not stop.is_visible()
    page.get_by_role("button", name="Đọc to").click()
    status = page.locator("[data-read-status]")
    status.filter(has_text="Máy này chưa có giọng đọc tiếng Việt").wait_for()
    assert "tờ khai chữ lớn" in status.inner_text()
    assert not stop.is_visible()
    assert page.evaluate("document.activeElement.id") == "declaration-text"
    _shot(page, "7-no-voice")
