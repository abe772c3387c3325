"""Demo data for the inspection team: in each demo commune, a concluded inspection of the
one-stop centre with findings, an overdue follow-up action owned by the counter officer (it shows
in their "Việc hôm nay"), a commendation; and one in progress. Idempotent."""

from datetime import timedelta

from django.db import transaction

from inspection import selectors, services
from inspection.models import Inspection, OutcomeKind, Result
from org.demo import COMMUNES
from org.models import Agency, User


@transaction.atomic
def inspection_seed() -> int:
    checklist = services.seed_checklist_ensure()
    today = selectors.today()
    added = 0
    for commune in COMMUNES:
        centre = Agency.objects.get(code=f"000.10.{commune.code_part}.H01")
        if Inspection.objects.filter(agency=centre).exists():
            continue
        inspector = User.objects.get(username=f"{commune.slug}.kiemtra")
        officer = User.objects.get(username=f"{commune.slug}.tiepnhan")
        leader = User.objects.get(username=f"{commune.slug}.lanhdao")
        team = f"{inspector.full_name} (tổ trưởng), {leader.full_name}"
        done = services.inspection_start(
            actor=inspector,
            agency=centre,
            checklist=checklist,
            inspected_on=today - timedelta(days=20),
            team=team,
            place="Bộ phận một cửa",
        )
        notes = {
            2: (Result.NOT_MET, "Thủ tục đăng ký khai sinh thiếu mẫu tờ khai điền sẵn."),
            5: (Result.MET, "Công chức đeo thẻ, hướng dẫn tận tình."),
        }
        for finding in done.findings.all():
            result, note = notes.get(finding.position, (Result.MET, ""))
            if finding.result == Result.NOT_MET:
                result, note = Result.NOT_MET, "Đã đối chiếu sổ theo dõi, đúng như số liệu."
            done.refresh_from_db(fields=["version"])
            services.finding_record(
                actor=inspector, finding=finding, result=result, note=note, version=done.version
            )
        services.action_add(
            actor=inspector,
            inspection=done,
            description="Bổ sung mẫu tờ khai điền sẵn cho thủ tục đăng ký khai sinh",
            owner=officer,
            due_on=today - timedelta(days=5),
            finding=done.findings.get(position=2),
        )
        services.outcome_record(
            actor=inspector,
            inspection=done,
            officer=officer,
            kind=OutcomeKind.COMMENDATION,
            reason="Thái độ phục vụ tận tình, được người dân đánh giá hài lòng.",
        )
        done.refresh_from_db(fields=["version"])
        services.inspection_close(
            actor=inspector,
            inspection=done,
            conclusion="Bộ phận một cửa thực hiện cơ bản đúng quy định; khắc phục các tồn tại "
            "nêu tại mục II trong thời hạn yêu cầu.",
            closed_on=today - timedelta(days=19),
            version=done.version,
        )
        services.inspection_start(
            actor=inspector,
            agency=centre,
            checklist=checklist,
            inspected_on=today,
            team=team,
            place="Quầy số 2",
        )
        added += 2
    return added
