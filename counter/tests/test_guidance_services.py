"""The guidance slip and the guided online session: what is recorded, and what is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Channel, ChannelTerm
from core.models import AuditEvent
from counter.models import GuidanceSlip, GuidedSession, HardStep
from counter.services_guidance import (
    OnlineSubmission,
    guidance_slip_create,
    guided_session_record,
)
from dossiers.models import Dossier
from dossiers.services import ApplicantData
from dossiers.workflow import State

pytestmark = pytest.mark.django_db


def test_a_guidance_slip_is_recorded_and_audited_without_creating_a_dossier(guidance):
    dossiers = Dossier.objects.count()
    slip = guidance_slip_create(
        actor=guidance.vy,
        agency=guidance.centre_a,
        version=guidance.version,
        missing_documents=["Tờ khai theo mẫu"],
        other_items="  Ảnh 4x6  \n\n- Bản sao giấy chứng sinh\n",
        citizen_name="  Lý   Thị  Mai ",
    )
    assert Dossier.objects.count() == dossiers
    assert slip.citizen_name == "Lý Thị Mai"
    assert slip.missing_documents == ["Tờ khai theo mẫu"]
    assert slip.other_lines == ["Ảnh 4x6", "Bản sao giấy chứng sinh"]
    assert slip.officer == guidance.vy
    assert AuditEvent.objects.filter(action="guidance_slip_create").count() == 1


def test_a_slip_keeps_only_the_procedures_own_documents(guidance):
    slip = guidance_slip_create(
        actor=guidance.alice,
        agency=guidance.centre_a,
        version=guidance.version,
        missing_documents=["Tờ khai theo mẫu", "Giấy tờ bịa đặt"],
    )
    assert slip.missing_documents == ["Tờ khai theo mẫu"]


def test_a_slip_listing_nothing_is_refused_with_a_vietnamese_message(guidance):
    with pytest.raises(ValidationError) as error:
        guidance_slip_create(
            actor=guidance.alice,
            agency=guidance.centre_a,
            version=guidance.version,
            missing_documents=["Không có trong danh mục"],
            other_items="  \n ",
        )
    assert "ít nhất" in " ".join(error.value.messages)


def test_the_database_refuses_a_slip_listing_nothing(guidance):
    with pytest.raises(IntegrityError), transaction.atomic():
        GuidanceSlip.objects.create(
            agency=guidance.centre_a,
            procedure_version=guidance.version,
            officer=guidance.alice,
            missing_documents=[],
            other_items="",
        )


def test_nobody_makes_a_slip_at_a_centre_where_they_do_not_guide(guidance):
    for actor, agency in (
        (guidance.vy, guidance.centre_b),
        (guidance.alice, guidance.centre_b),
        (guidance.ivy, guidance.centre_a),
        (guidance.ada, guidance.centre_a),
    ):
        with pytest.raises(PermissionDenied):
            guidance_slip_create(
                actor=actor,
                agency=agency,
                version=guidance.version,
                missing_documents=["Tờ khai theo mẫu"],
            )


def submission(**changes) -> OnlineSubmission:
    values = {
        "applicant": ApplicantData(full_name="Phan Văn Đức"),
        "form_data": {"ho_ten_tre": "Phan Bảo An"},
    }
    values.update(changes)
    return OnlineSubmission(**values)


def test_a_guided_submission_creates_an_online_dossier_flagged_guided_and_linked(guidance):
    session = guided_session_record(
        actor=guidance.vy,
        agency=guidance.centre_a,
        version=guidance.version,
        hard_step=HardStep.UPLOAD,
        note="Chưa biết chụp giấy tờ",
        submission=submission(competent_agency=guidance.committee_a),
    )
    dossier = session.dossier
    assert dossier.channel == Channel.ONLINE
    assert dossier.state == State.SUBMITTED
    assert dossier.guided_online is True
    assert dossier.support_category == ""
    assert dossier.receiving_agency == guidance.centre_a
    assert dossier.created_by == guidance.vy
    assert dossier.form_data == {"ho_ten_tre": "Phan Bảo An"}
    assert session.helper == guidance.vy
    assert session.hard_step == HardStep.UPLOAD
    assert AuditEvent.objects.filter(action="guided_session_record").count() == 1


def test_a_session_without_a_submission_is_recorded_with_no_dossier(guidance):
    dossiers = Dossier.objects.count()
    session = guided_session_record(
        actor=guidance.vy,
        agency=guidance.centre_a,
        version=guidance.version,
        hard_step=HardStep.ACCOUNT,
    )
    assert session.dossier is None
    assert Dossier.objects.count() == dossiers


def test_the_portal_can_replace_the_submission_step_without_changing_what_is_recorded(guidance):
    received = []

    def portal(*, actor, agency, version, submission):
        received.append((actor, agency, version, submission.applicant.full_name))
        return guidance.dossier_a  # the dossier the portal created

    session = guided_session_record(
        actor=guidance.vy,
        agency=guidance.centre_a,
        version=guidance.version,
        hard_step=HardStep.PAYMENT,
        submission=submission(),
        submit=portal,
    )
    assert received == [(guidance.vy, guidance.centre_a, guidance.version, "Phan Văn Đức")]
    assert session.dossier == guidance.dossier_a
    assert (session.agency, session.helper, session.hard_step) == (
        guidance.centre_a,
        guidance.vy,
        HardStep.PAYMENT,
    )


def test_a_failed_submission_records_no_session(guidance):
    sessions = GuidedSession.objects.count()

    def broken(**kwargs):
        raise ValidationError("Cổng dịch vụ công không phản hồi.")

    with pytest.raises(ValidationError):
        guided_session_record(
            actor=guidance.vy,
            agency=guidance.centre_a,
            version=guidance.version,
            hard_step=HardStep.FORM,
            submission=submission(),
            submit=broken,
        )
    assert GuidedSession.objects.count() == sessions


def test_a_procedure_not_offered_online_is_not_submitted_and_no_session_is_recorded(guidance):
    ChannelTerm.objects.filter(version=guidance.version, channel=Channel.ONLINE).update(
        available=False
    )
    dossiers, sessions = Dossier.objects.count(), GuidedSession.objects.count()
    with pytest.raises(ValidationError, match="không tiếp nhận hồ sơ trực tuyến"):
        guided_session_record(
            actor=guidance.vy,
            agency=guidance.centre_a,
            version=guidance.version,
            hard_step=HardStep.FORM,
            submission=submission(),
        )
    assert (Dossier.objects.count(), GuidedSession.objects.count()) == (dossiers, sessions)


def test_an_unknown_hard_step_is_refused_and_nothing_is_submitted(guidance):
    dossiers = Dossier.objects.count()
    with pytest.raises(ValidationError):
        guided_session_record(
            actor=guidance.vy,
            agency=guidance.centre_a,
            version=guidance.version,
            hard_step="everything",
            submission=submission(),
        )
    assert Dossier.objects.count() == dossiers


def test_a_volunteer_cannot_record_a_session_at_another_centre(guidance):
    with pytest.raises(PermissionDenied):
        guided_session_record(
            actor=guidance.vy,
            agency=guidance.centre_b,
            version=guidance.version,
            hard_step=HardStep.NONE,
        )


def test_the_demo_guidance_records_load_once_and_show_in_the_counts():
    from catalog.demo import catalog_seed
    from counter.counts import model_counts
    from counter.demo import guidance_seed
    from org.demo import demo_seed

    demo_seed()
    catalog_seed()
    added = guidance_seed()
    assert added == 14  # 3 slips and 4 sessions in each of the two demo communes
    assert guidance_seed() == 0
    assert Dossier.objects.filter(guided_online=True).count() == 2
    from org.models import User

    today = timezone.localdate()
    sam = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "demo-sam", password="x"
    )
    counts = model_counts(sam, start=today, end=today)
    assert (counts.total.slips, counts.total.sessions, counts.total.guided) == (6, 8, 8)


def test_a_volunteer_off_todays_roster_is_told_so_and_nothing_is_recorded(guidance):
    from counter.models import DutyShift

    DutyShift.objects.filter(helper=guidance.vy).delete()
    slips, sessions = GuidanceSlip.objects.count(), GuidedSession.objects.count()
    with pytest.raises(ValidationError) as error:
        guidance_slip_create(
            actor=guidance.vy,
            agency=guidance.centre_a,
            version=guidance.version,
            missing_documents=["Tờ khai theo mẫu"],
        )
    assert "lịch trực" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        guided_session_record(
            actor=guidance.vy,
            agency=guidance.centre_a,
            version=guidance.version,
            hard_step=HardStep.UPLOAD,
        )
    assert (GuidanceSlip.objects.count(), GuidedSession.objects.count()) == (slips, sessions)


def test_a_volunteer_on_duty_tomorrow_only_cannot_guide_today(guidance):
    from datetime import timedelta

    from counter.models import DutyShift

    DutyShift.objects.filter(helper=guidance.vy).update(
        day=timezone.localdate() + timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        guided_session_record(
            actor=guidance.vy,
            agency=guidance.centre_a,
            version=guidance.version,
            hard_step=HardStep.ACCOUNT,
        )


def test_a_receiving_officer_guides_without_a_shift_on_the_roster(guidance):
    session = guided_session_record(
        actor=guidance.alice,
        agency=guidance.centre_a,
        version=guidance.version,
        hard_step=HardStep.PAYMENT,
    )
    assert session.helper == guidance.alice
