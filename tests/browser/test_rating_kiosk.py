"""After the result is returned at the counter, the citizen rates the service on the screen
turned towards them: big buttons, no login, and the same link cannot be used twice."""

from types import SimpleNamespace

from .conftest import SCREENSHOT_DIR, assert_no_serious_axe_violations, login


def _returned_dossier():
    from catalog.demo import catalog_seed
    from catalog.models import ProcedureVersion, VersionStatus
    from dossiers.services import Move, dossier_receive, dossier_transition
    from dossiers.tests.conftest import reception_for
    from dossiers.workflow import Action
    from org.models import Agency, User

    catalog_seed()
    committee = Agency.objects.get(code="000.00.70.H01")
    people = {
        u.username.split(".")[1]: u for u in User.objects.filter(username__startswith="hoankiem.")
    }
    version = ProcedureVersion.objects.filter(
        status=VersionStatus.PUBLISHED, procedure__agencies=committee
    ).first()
    office = SimpleNamespace(
        version=version, centre_a=Agency.objects.get(code="000.10.70.H01"), committee_a=committee
    )
    dossier = dossier_receive(reception=reception_for(office), actor=people["tiepnhan"])
    for who, action, extra in [
        ("tiepnhan", Action.ASSIGN, {"assignee": people["chuyenvien"]}),
        ("chuyenvien", Action.PROPOSE, {}),
        ("lanhdao", Action.APPROVE, {}),
        ("tiepnhan", Action.RETURN_RESULT, {}),
    ]:
        dossier.refresh_from_db()
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=action, expected_version=dossier.version, **extra),
            actor=people[who],
        )
    return dossier


def test_the_citizen_rates_the_service_on_the_counters_screen(browser, demo):
    from surveys.models import Rating

    dossier = _returned_dossier()
    rating = Rating.objects.get(dossier=dossier)
    officer = browser.new_context(viewport={"width": 1366, "height": 768})
    page = officer.new_page()
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/{dossier.pk}/")
    link = page.get_by_role("link", name="Mở màn hình đánh giá")
    kiosk_path = link.get_attribute("href")
    assert rating.token in kiosk_path
    officer.close()

    # The tablet facing the citizen: no login.
    tablet = browser.new_context(viewport={"width": 1024, "height": 768}, locale="vi-VN")
    screen = tablet.new_page()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    try:
        screen.goto(f"{demo}{kiosk_path}")
        assert screen.locator(".rate-button").count() == 3
        box = screen.locator(".rate-button").first.bounding_box()
        assert box["height"] >= 72 and box["width"] >= 200
        assert screen.locator("[data-speak-all]").is_visible()  # speech is offered
        assert_no_serious_axe_violations(screen)
        screen.screenshot(path=str(SCREENSHOT_DIR / "rating-kiosk.png"), full_page=True)
        screen.fill("#id_reason", "Cán bộ hướng dẫn tận tình")
        with screen.expect_navigation():
            screen.get_by_role("button", name="Rất hài lòng").click()
        assert "Cảm ơn" in screen.locator("main").inner_text()
        assert_no_serious_axe_violations(screen)
        # The next person at the counter cannot rate this dossier again with the same page.
        screen.goto(f"{demo}{kiosk_path}")
        assert screen.locator(".rate-button").count() == 0
        assert "đã được đánh giá" in screen.locator("main").inner_text()
    finally:
        tablet.close()
    rating.refresh_from_db()
    assert rating.score == 3 and rating.channel == "kiosk"
