"""An inspection end to end: started from the seeds' checklist with MotCua's evidence beside
the items, findings, evidence files, follow-up actions in the owner's "Việc hôm nay",
outcomes against officers, the conclusion and the printed report."""

from datetime import date, timedelta
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from core.panels import today_sections
from inspection import selectors, services
from inspection.models import Finding, Inspection, Result
from inspection.rules import LATE_WITHOUT_APOLOGY, SEED_CHECKLIST

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)


def start(team, **changes):
    values = {
        "actor": team.ivy,
        "agency": team.centre_a,
        "checklist": team.checklist,
        "inspected_on": DAY,
        "team": "Lê Thị Ivy, Đinh Văn Leo",
        "place": "Quầy số 2",
    } | changes
    return services.inspection_start(**values)


def test_the_seed_checklist_is_shipped_with_its_six_items(team):
    texts = list(team.checklist.items.values_list("text", flat=True))
    assert len(texts) == len(SEED_CHECKLIST) == 6
    assert any("xin lỗi" in text for text in texts)
    assert any("niêm yết" in text for text in texts)


def test_the_inspection_team_starts_an_inspection_from_the_checklist(client, team):
    client.force_login(team.ivy)
    page = client.get(reverse("inspection:new"))
    assert page.status_code == 200 and team.checklist.name in page.content.decode()
    response = client.post(
        reverse("inspection:new"),
        {
            "agency": team.centre_a.pk,
            "place": "Quầy số 2",
            "inspected_on": "10/03/2026",
            "checklist": team.checklist.pk,
            "team": "Lê Thị Ivy",
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert inspection.findings.count() == 6
    detail = client.get(reverse("inspection:detail", args=[inspection.pk])).content.decode()
    assert "Có văn bản xin lỗi cho mọi hồ sơ trễ hạn" in detail
    assert "Không có hồ sơ quá hạn thiếu văn bản xin lỗi." in detail


def test_a_bad_date_is_refused_in_vietnamese_and_nothing_is_saved(client, team):
    client.force_login(team.ivy)
    response = client.post(
        reverse("inspection:new"),
        {"agency": team.centre_a.pk, "inspected_on": "31/02/2026", "checklist": 1, "team": "X"},
    )
    assert response.status_code == 400
    assert "dd/mm/yyyy" in response.content.decode()
    assert not Inspection.objects.exists()


def test_late_dossiers_without_an_apology_letter_show_beside_their_item(office, team):
    from dossiers.tests.test_workspace import MONDAY_9, act, receive
    from dossiers.workflow import Action

    with time_machine.travel(MONDAY_9, tick=False) as clock:
        dossier = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
        clock.move_to(dossier.due_at + timedelta(days=2))
        inspection = start(team, inspected_on=(dossier.due_at + timedelta(days=2)).date())
        finding = inspection.findings.get(evidence_key=LATE_WITHOUT_APOLOGY)
        assert finding.evidence_count == 1 and dossier.code in finding.evidence_text
        # A computed check that finds something starts as "not met": the team confirms it.
        assert finding.result == Result.NOT_MET
        act(
            office,
            dossier,
            "sophie",
            Action.APOLOGISE,
            reason="Chờ xác minh",
            new_due_at=dossier.due_at + timedelta(days=5),
        )
        again = start(team, inspected_on=(dossier.due_at + timedelta(days=2)).date())
        assert again.findings.get(evidence_key=LATE_WITHOUT_APOLOGY).evidence_count == 0


def test_a_finding_not_met_needs_a_note_and_a_stale_form_is_refused(team):
    inspection = start(team)
    finding = inspection.findings.first()
    with pytest.raises(ValidationError):
        services.finding_record(
            actor=team.ivy, finding=finding, result=Result.NOT_MET, note=" ", version=1
        )
    services.finding_record(
        actor=team.ivy, finding=finding, result=Result.NOT_MET, note="Thiếu mẫu", version=1
    )
    with pytest.raises(ValidationError, match="tải lại"):
        services.finding_record(
            actor=team.ivy, finding=finding, result=Result.MET, note="", version=1
        )
    assert Finding.objects.get(pk=finding.pk).result == Result.NOT_MET


def test_evidence_files_are_checked_and_stored_under_a_generated_name(
    client, team, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    inspection = start(team)
    client.force_login(team.ivy)
    url = reverse("inspection:evidence", args=[inspection.pk])
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00not a picture", content_type="image/png")
    refused = client.post(url, {"tep-file": fake})
    assert refused.status_code == 400 and not inspection.evidence_files.exists()
    png = BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    upload = SimpleUploadedFile("bang niem yet.png", png.getvalue(), content_type="image/png")
    assert client.post(url, {"tep-file": upload}).status_code == 302
    stored = inspection.evidence_files.get()
    assert stored.name == "bang niem yet.png" and "niem" not in stored.file.name
    download = client.get(reverse("inspection:evidence-file", args=[inspection.pk, stored.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_an_overdue_follow_up_action_is_in_its_owners_work_of_the_day(client, team):
    inspection = start(team)
    action = services.action_add(
        actor=team.ivy,
        inspection=inspection,
        description="Bổ sung mẫu tờ khai",
        owner=team.alice,
        due_on=DAY + timedelta(days=3),
    )
    request = RequestFactory().get("/")
    request.user = team.alice
    with time_machine.travel("2026-03-20 09:00 +0700", tick=False):
        [section] = [s for s in today_sections(request) if s.key == "kiem-tra-qua-han"]
        assert section.count == 1 and "Bổ sung mẫu tờ khai" in section.rows[0][0]
        # The owner reads the inspection that gave the action and reports it done.
        client.force_login(team.alice)
        assert client.get(reverse("inspection:detail", args=[inspection.pk])).status_code == 200
        done = client.post(
            reverse("inspection:action-done", args=[inspection.pk, action.pk]),
            {"done_on": "19/03/2026", "note": "Đã bổ sung"},
        )
        assert done.status_code == 302
        assert not [s for s in today_sections(request) if s.key == "kiem-tra-qua-han"]
    request.user = team.leo
    assert not [s for s in today_sections(request) if s.key == "kiem-tra-qua-han"]


def test_outcomes_are_recorded_against_officers_of_the_inspected_unit(client, team):
    inspection = start(team)
    client.force_login(team.ivy)
    url = reverse("inspection:outcome", args=[inspection.pk])
    ok = client.post(url, {"officer": team.alice.pk, "kind": "commendation", "reason": "Tận tình"})
    assert ok.status_code == 302
    # An officer of another commune is not a choice.
    refused = client.post(url, {"officer": team.bob.pk, "kind": "discipline", "reason": "X"})
    assert refused.status_code == 400
    # Nor is a hamlet's data officer, who could not open the inspection to answer for it.
    hamlet = client.post(url, {"officer": team.hana.pk, "kind": "discipline", "reason": "X"})
    assert hamlet.status_code == 400
    assert list(inspection.outcomes.values_list("officer__username", "kind")) == [
        ("alice", "commendation")
    ]


def test_an_inspection_concludes_only_when_every_item_has_a_result(team):
    inspection = start(team)
    with pytest.raises(ValidationError, match="mọi nội dung"):
        services.inspection_close(
            actor=team.ivy, inspection=inspection, conclusion="X", closed_on=DAY, version=1
        )
    for finding in inspection.findings.all():
        inspection.refresh_from_db()
        services.finding_record(
            actor=team.ivy,
            finding=finding,
            result=Result.MET,
            note="",
            version=inspection.version,
        )
    inspection.refresh_from_db()
    services.inspection_close(
        actor=team.ivy,
        inspection=inspection,
        conclusion="Đạt yêu cầu",
        closed_on=DAY,
        version=inspection.version,
    )
    with pytest.raises(ValidationError, match="đã kết luận"):
        services.action_add(
            actor=team.ivy,
            inspection=inspection,
            description="X",
            owner=team.alice,
            due_on=DAY,
        )


def test_the_report_prints_as_an_a4_administrative_document(client, team):
    inspection = start(team)
    services.outcome_record(
        actor=team.ivy,
        inspection=inspection,
        officer=team.alice,
        kind="commendation",
        reason="Tận tình",
    )
    client.force_login(team.leo)
    url = reverse("inspection:report", args=[inspection.pk])
    page = client.get(url).content.decode()
    assert "BIÊN BẢN KIỂM TRA" in page and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "Khen thưởng: Nguyễn Thị Alice" in page
    pdf = client.get(url + "?pdf=1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_list_counts_items_not_met_and_open_actions(client, team):
    inspection = start(team)
    finding = inspection.findings.first()
    services.finding_record(
        actor=team.ivy, finding=finding, result=Result.NOT_MET, note="Thiếu", version=1
    )
    services.action_add(
        actor=team.ivy, inspection=inspection, description="Sửa", owner=team.alice, due_on=DAY
    )
    [row] = selectors.inspections_for(team.ivy)
    assert (row.not_met, row.open_actions) == (1, 1)


def test_the_pages_use_a_constant_number_of_queries(client, team, django_assert_max_num_queries):
    inspections = [start(team, place=f"Quầy {n}") for n in range(8)]
    for inspection in inspections:
        for n in range(3):
            services.action_add(
                actor=team.ivy,
                inspection=inspection,
                description=f"Việc {n}",
                owner=team.alice,
                due_on=DAY,
            )
    client.force_login(team.ivy)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("inspection:list")).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("inspection:detail", args=[inspections[0].pk])).status_code == 200
    client.force_login(team.alice)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("inspection:list") + "?viec=cua-toi")
    html = page.content.decode()
    for inspection in inspections:  # each listed once, however many actions Alice owns there
        assert html.count(f'href="{reverse("inspection:detail", args=[inspection.pk])}"') == 1


def test_fees_charged_above_the_published_rule_show_beside_their_item(office, team):
    from dossiers.models import DossierFee
    from dossiers.tests.test_workspace import MONDAY_9, receive
    from inspection.rules import FEES_ABOVE_PUBLISHED

    with time_machine.travel(MONDAY_9, tick=False):
        dossier = receive(office)
    DossierFee.objects.create(
        dossier=dossier,
        name="Lệ phí",
        amount=20_000,
        computed_amount=8_000,
        correction_reason="Thu thêm bản sao",
        collected_at="1",
    )
    inspection = start(team, inspected_on=date(2026, 3, 10))
    finding = inspection.findings.get(evidence_key=FEES_ABOVE_PUBLISHED)
    assert finding.evidence_count == 1 and dossier.code in finding.evidence_text
    assert finding.result == Result.NOT_MET
