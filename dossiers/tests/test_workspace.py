"""The officer workspace through the test client: queues, the dossier page and its actions, with
row-level access (R5), stale pages (R3), CSRF (R12) and constant query counts. Reception is in
test_workspace_reception.py."""

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.selectors import working_calendar
from dossiers.models import Dossier, SupportCategory
from dossiers.selectors import QueueFilter, deadline_of, queue_page
from dossiers.services import ApplicantData, Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State

pytestmark = pytest.mark.django_db

MONDAY_9 = "2026-03-02 09:00 +0700"  # a working Monday; a 3-day term is due Thursday 17:00
RECEPTION = "/can-bo/ho-so/tiep-nhan/"


def receive(office, name="Nguyễn Văn An", id_number="001090012345", **changes) -> Dossier:
    applicant = ApplicantData(full_name=name, id_number=id_number, phone="0912345678")
    return dossier_receive(
        reception=reception_for(office, applicant=applicant, **changes), actor=office.alice
    )


def act(office, dossier, actor, action, **fields) -> Dossier:
    move = Move(action=action, expected_version=dossier.version, **fields)
    return dossier_transition(dossier_id=dossier.pk, move=move, actor=getattr(office, actor))


def page_url(dossier) -> str:
    return reverse("dossiers:dossier", args=[dossier.pk])


def action_url(dossier) -> str:
    return reverse("dossiers:action", args=[dossier.pk])


# --- Queues --------------------------------------------------------------------------------


def counts(user, **criteria) -> dict[str, int]:
    result = queue_page(user, criteria=QueueFilter(**criteria), page_number=1)
    return {queue.key: count for queue, count in result.queues}


def test_queue_counts_follow_the_states_and_the_deadlines(office):
    with time_machine.travel(MONDAY_9, tick=False) as clock:
        accepted = receive(office)
        assigned = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
        proposed = act(office, assigned, "sophie", Action.PROPOSE)
        ready = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
        ready = act(office, act(office, ready, "sophie", Action.PROPOSE), "leo", Action.APPROVE)
        receive(office, channel="2")  # online: to accept within 8 working hours
        assert counts(office.alice) == {
            "tat-ca": None,  # every dossier ever received: listed, never counted
            "cho-tiep-nhan": 1,
            "can-xu-ly": 1,
            "tra-ket-qua": 1,
            "cho-bo-sung": 0,
            "sap-den-han": 0,
            "qua-han": 0,
        }
        leo = counts(office.leo)
        assert (leo["cho-duyet"], leo["can-xu-ly"]) == (1, 1)
        assert "cho-tiep-nhan" not in leo  # not a leader's queue
        clock.move_to("2026-03-04 09:00 +0700")  # Wednesday: due tomorrow
        assert counts(office.sophie)["sap-den-han"] == 2  # accepted and proposed
        clock.move_to("2026-03-06 09:00 +0700")  # Friday: past Thursday 17:00
        overdue = counts(office.sophie)
        assert overdue["qua-han"] == 3  # the two, and the online one never accepted
        assert overdue["sap-den-han"] == 0
    assert {accepted.state, proposed.state, ready.state} == {
        State.ACCEPTED,
        State.PROPOSED,
        State.RESULT_READY,
    }


def test_the_queue_page_lists_a_queue_with_its_deadlines(client, office):
    with time_machine.travel(MONDAY_9, tick=False):
        dossier = receive(office)
        client.force_login(office.alice)
        response = client.get(reverse("dossiers:queue"), {"hang": "can-xu-ly"})
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert rows == [dossier]
    assert rows[0].deadline.text == "còn 3 ngày làm việc"  # pages are Vietnamese by default
    assert "còn 3 ngày làm việc" in response.content.decode()
    assert rows[0].primary_applicant.full_name == "Nguyễn Văn An"


def test_search_ignores_diacritics_and_case(office):
    wanted = receive(office, name="Nguyễn Văn An")
    receive(office, name="Lê Thị Hoa", id_number="001190099999")
    found = queue_page(office.alice, criteria=QueueFilter(query="nguyen van an"), page_number=1)
    assert list(found.page.object_list) == [wanted]
    found = queue_page(office.alice, criteria=QueueFilter(query="NGUYỄN an"), page_number=1)
    assert list(found.page.object_list) == [wanted]


def test_search_finds_a_dossier_by_id_number_or_code(office):
    wanted = receive(office, id_number="036090012345")
    other = receive(office, name="Lê Thị Hoa", id_number="001190099999")
    by_id = queue_page(office.alice, criteria=QueueFilter(query="036 090 012 345"), page_number=1)
    assert list(by_id.page.object_list) == [wanted]
    by_code = queue_page(office.alice, criteria=QueueFilter(query=other.code), page_number=1)
    assert list(by_code.page.object_list) == [other]


def test_the_filters_keep_what_the_officer_chose(client, office):
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:queue"), {"trang_thai": "in_progress", "kenh": "2"})
    html = page.content.decode()
    assert '<option value="in_progress" selected>' in html
    assert '<option value="2" selected>' in html
    assert html.count(" selected>") == 2


def test_garbage_filters_never_break_the_queue(client, office):
    receive(office)
    client.force_login(office.alice)
    for params in (
        {"hang": "../../", "trang": "-1"},
        {"q": "\x00", "trang_thai": "nope", "kenh": "9"},
        {"trang": "99999", "q": "x" * 500},
    ):
        assert client.get(reverse("dossiers:queue"), params).status_code == 200


def test_the_queue_pages_by_25(office):
    for n in range(26):
        receive(office, name=f"Người {n}")
    waiting = queue_page(office.alice, criteria=QueueFilter(queue="can-xu-ly"), page_number=2)
    assert waiting.page.paginator.num_pages == 2
    assert len(waiting.page.object_list) == 1
    everything = queue_page(office.alice, criteria=QueueFilter(), page_number=1)
    assert (len(everything.page), everything.page.has_next()) == (25, True)
    last = queue_page(office.alice, criteria=QueueFilter(), page_number=2)
    assert (len(last.page), last.page.has_next(), last.page.has_previous()) == (1, False, True)
    assert last.page.object_list[0].primary_applicant.full_name == "Người 0"  # newest first


def test_finished_dossiers_leave_the_queues_but_stay_in_all_dossiers(client, office):
    kept = receive(office)
    gone = act(office, receive(office), "alice", Action.WITHDRAW, reason="Công dân xin rút")
    assert counts(office.alice)["can-xu-ly"] == 1
    client.force_login(office.alice)
    waiting = client.get(reverse("dossiers:queue"), {"hang": "can-xu-ly"})
    assert list(waiting.context["page"]) == [kept]
    everything = client.get(reverse("dossiers:queue"))
    assert list(everything.context["page"]) == [gone, kept]
    assert "Trang 1" not in everything.content.decode()  # one page: no pager at all


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", ["", "?q=nguoi", "?hang=tat-ca&trang_thai=in_progress&kenh=1"])
def test_the_queue_page_uses_the_same_number_of_queries_for_3_or_30_dossiers(client, office, query):
    client.force_login(office.alice)
    url = reverse("dossiers:queue") + query
    for n in range(3):
        act(
            office,
            receive(office, name=f"Người {n}"),
            "alice",
            Action.ASSIGN,
            assignee=office.sophie,
        )
    few = _queries(client, url)
    for n in range(3, 30):
        act(
            office,
            receive(office, name=f"Người {n}"),
            "alice",
            Action.ASSIGN,
            assignee=office.sophie,
        )
    assert _queries(client, url) == few


def test_the_dossier_page_uses_the_same_number_of_queries_for_3_or_30_dossiers(client, office):
    client.force_login(office.alice)
    dossiers = [receive(office, name=f"Người {n}") for n in range(3)]
    few = _queries(client, page_url(dossiers[0]))
    for n in range(3, 30):
        receive(office, name=f"Người {n}")
    # More history rows do not add queries either.
    busy = act(office, dossiers[1], "alice", Action.ASSIGN, assignee=office.sophie)
    act(office, busy, "sophie", Action.REQUEST_SUPPLEMENT, reason="Thiếu giấy tờ")
    assert _queries(client, page_url(dossiers[0])) == few
    assert _queries(client, page_url(dossiers[1])) <= few


# --- The dossier page and its actions ------------------------------------------------------


def test_the_page_shows_the_dossier_with_its_timeline_and_fees(client, office):
    dossier = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
    client.force_login(office.sophie)
    response = client.get(page_url(dossier))
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert dossier.code in body
    assert "001090012345" in body  # staff see the ID number
    assert "8.000 đ" in body
    assert "Võ Thị Sophie" in body  # the hand-over in the timeline


def test_only_the_actions_the_user_may_take_are_shown(client, office):
    dossier = receive(office)
    client.force_login(office.alice)
    shown = {form.edge.action for form in client.get(page_url(dossier)).context["action_forms"]}
    assert shown == {Action.ASSIGN, Action.TRANSFER, Action.REQUEST_SUPPLEMENT, Action.WITHDRAW}
    client.force_login(office.ivy)  # the inspector reads, and acts on nothing
    assert client.get(page_url(dossier)).context["action_forms"] == []


def test_an_action_not_allowed_to_the_user_is_refused_and_changes_nothing(client, office):
    dossier = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
    client.force_login(office.alice)
    response = client.post(action_url(dossier), {"action": "propose", "version": dossier.version})
    assert response.status_code == 400
    assert response.context["error"]
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS
    assert dossier.history.count() == 2


def test_the_counter_the_specialist_and_the_leader_work_a_dossier_through_the_page(client, office):
    dossier = receive(office)
    client.force_login(office.alice)
    response = client.post(
        action_url(dossier), {"action": "assign", "version": 1, "assignee": office.sophie.pk}
    )
    assert response.status_code == 302
    client.force_login(office.sophie)
    # The proposal carries the draft (here a note on where it is), the approval the signed
    # result's number and date, the return who collected it (dossiers/tests/test_results.py).
    propose = {"action": "propose", "version": 2, "result_note": "Dự thảo trong hồ sơ giấy"}
    assert client.post(action_url(dossier), propose).status_code == 302
    client.force_login(office.leo)
    approve = {
        "action": "approve",
        "version": 3,
        "result_number": "12/GKS",
        "result_date": "02/03/2026",
    }
    assert client.post(action_url(dossier), approve).status_code == 302
    client.force_login(office.alice)
    collected = {
        "collector_kind": "applicant",
        "collector_name": "Nguyễn Văn An",
        "collector_id": "001090012345",
        "collector_id_checked": "on",
    }
    assert (
        client.post(
            action_url(dossier), {"action": "return_result", "version": 4, **collected}
        ).status_code
        == 302
    )
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED


def test_an_action_that_needs_a_reason_says_so_and_keeps_the_form_open(client, office):
    dossier = receive(office)
    client.force_login(office.alice)
    response = client.post(
        action_url(dossier), {"action": "request_supplement", "version": 1, "reason": "  "}
    )
    assert response.status_code == 400
    bound = [form for form in response.context["action_forms"] if form.is_bound]
    assert [form.edge.action for form in bound] == [Action.REQUEST_SUPPLEMENT]
    assert Dossier.objects.get().state == State.ACCEPTED


def test_the_leader_moves_the_date_once_with_an_apology(client, office):
    with time_machine.travel(MONDAY_9, tick=False):
        dossier = act(office, receive(office), "alice", Action.ASSIGN, assignee=office.sophie)
        client.force_login(office.leo)
        response = client.post(
            action_url(dossier),
            {
                "action": "apologise",
                "version": dossier.version,
                "reason": "Cần xác minh thêm",
                "new_due_at": "10/03/2026 16:00",
            },
        )
        assert response.status_code == 302
        dossier.refresh_from_db()
        assert timezone.localtime(dossier.extended_due_at).strftime("%d/%m %H:%M") == "10/03 16:00"
        shown = {f.edge.action for f in client.get(page_url(dossier)).context["action_forms"]}
        assert Action.APOLOGISE not in shown  # the date moves only once


def test_a_stale_page_gets_a_conflict_and_changes_nothing(client, office):
    dossier = receive(office)
    act(office, dossier, "alice", Action.ASSIGN, assignee=office.sophie)  # someone acted first
    client.force_login(office.alice)
    response = client.post(
        action_url(dossier), {"action": "withdraw", "version": 1, "reason": "Công dân xin rút"}
    )
    assert response.status_code == 409
    assert response.context["error"]
    dossier.refresh_from_db()
    assert (dossier.state, dossier.version, dossier.history.count()) == (State.IN_PROGRESS, 2, 2)


def test_another_communes_officer_gets_404_on_the_page_and_the_action(client, office):
    dossier = receive(office)
    client.force_login(office.bob)
    assert client.get(page_url(dossier)).status_code == 404
    response = client.post(action_url(dossier), {"action": "withdraw", "version": 1, "reason": "x"})
    assert response.status_code == 404
    assert Dossier.objects.get().state == State.ACCEPTED
    found = queue_page(office.bob, criteria=QueueFilter(query=dossier.code), page_number=1)
    assert list(found.page) == []


def test_anonymous_visitors_are_sent_to_the_login_page(client, office):
    dossier = receive(office)
    for url in (reverse("dossiers:queue"), RECEPTION, page_url(dossier)):
        assert client.get(url).status_code == 302
    assert client.post(action_url(dossier), {"action": "withdraw"}).status_code == 302
    assert Dossier.objects.get().state == State.ACCEPTED


@pytest.mark.parametrize("token", [None, "wrong-token-wrong-token-wrong-token-1234"])
def test_posts_without_a_valid_csrf_token_are_refused(office, token):
    dossier = receive(office)
    client = Client(enforce_csrf_checks=True)
    client.force_login(office.alice)
    data = {"action": "withdraw", "version": 1, "reason": "x"}
    if token:
        client.cookies["csrftoken"] = "a" * 32
        data["csrfmiddlewaretoken"] = token
    assert client.post(action_url(dossier), data).status_code == 403
    assert client.post(RECEPTION, {**data, "thu_tuc": office.version.pk}).status_code == 403
    assert Dossier.objects.get().state == State.ACCEPTED
    assert Dossier.objects.count() == 1


# --- Deadlines as words --------------------------------------------------------------------


@pytest.mark.parametrize(
    "now, expected, tone",
    [
        ("2026-03-02 09:00 +0700", "3 working days left", "ok"),
        ("2026-03-04 09:00 +0700", "1 working day left", "warn"),
        ("2026-03-05 10:00 +0700", "due today at 17:00", "warn"),
        ("2026-03-05 17:30 +0700", "overdue since 17:00 today", "danger"),
        ("2026-03-10 09:00 +0700", "3 working days overdue", "danger"),  # Fri, Mon, Tue
    ],
)
def test_deadlines_read_as_working_days(office, now, expected, tone):
    with time_machine.travel(MONDAY_9, tick=False):
        dossier = receive(office)
    with time_machine.travel(now, tick=False), translation.override("en"):
        deadline = deadline_of(dossier, now=timezone.now(), calendar=working_calendar())
    assert (deadline.text, deadline.tone) == (expected, tone)


def test_an_online_dossier_shows_the_working_hours_left_to_accept_it(office):
    with time_machine.travel(MONDAY_9, tick=False):
        dossier = receive(office, channel="2")
    with time_machine.travel("2026-03-02 14:30 +0700", tick=False), translation.override("en"):
        deadline = deadline_of(dossier, now=timezone.now(), calendar=working_calendar())
    assert deadline.text == "2 h 30 left to accept"
    assert timezone.localtime(dossier.acceptance_due_at).strftime("%H:%M") == "17:00"


def test_each_reading_of_a_dossier_page_is_audited(client, office):
    from core.models import AuditEvent

    dossier = receive(office)
    client.force_login(office.ivy)
    client.get(reverse("dossiers:dossier", args=[dossier.pk]))
    client.get(reverse("dossiers:dossier", args=[dossier.pk]))
    views = AuditEvent.objects.filter(action="dossier_view", object_id=str(dossier.pk))
    assert views.count() == 2
    assert {event.actor_label for event in views} == {"ivy"}


def test_the_dossier_page_says_who_filled_the_declaration_and_why(client, office):
    helped = dossier_receive(
        reception=reception_for(office, support_category=SupportCategory.VISUALLY_IMPAIRED),
        actor=office.alice,
    )
    client.force_login(office.alice)
    page = client.get(page_url(helped)).content.decode()
    assert "Kê khai hộ cho công dân" in page
    assert f"{office.alice.full_name} · người khiếm thị" in page
    alone = client.get(page_url(receive(office))).content.decode()
    assert "Kê khai hộ cho công dân" not in alone


def test_the_dossier_page_shows_the_declaration_and_leads_to_its_large_print(client, office):
    from catalog.models import EFormField
    from dossiers.services import dossier_receive
    from dossiers.tests.conftest import reception_for

    EFormField.objects.create(
        version=office.version, key="ten_giay_to", label="Tên giấy tờ", required=True, order=1
    )
    EFormField.objects.create(
        version=office.version, key="so_ban", label="Số bản sao", field_type="number", order=2
    )
    dossier = dossier_receive(
        reception=reception_for(
            office, form_data={"ten_giay_to": "Bằng <b>tốt nghiệp</b>", "so_ban": "2"}
        ),
        actor=office.alice,
    )
    client.force_login(office.alice)
    page = client.get(page_url(dossier)).content.decode()
    assert "Tờ khai (biểu mẫu điện tử)" in page
    assert "Tên giấy tờ" in page and "Bằng &lt;b&gt;tốt nghiệp&lt;/b&gt;" in page
    assert "Số bản sao" in page
    assert reverse("counter:declaration-large", args=[dossier.pk]) in page


def test_the_dossier_page_shows_dates_as_typed_and_the_declaration_s_tables_and_ticks(
    client, office
):
    from catalog.models import EFormField
    from dossiers.services import dossier_receive
    from dossiers.tests.conftest import reception_for

    for order, (key, label, kind, extra) in enumerate(
        [
            ("ngay_sinh", "Ngày sinh", "date", {}),
            ("con", "Con chung", "table", {"columns": ["Họ tên", "Năm sinh"]}),
            ("cam_doan", "Đã đọc hướng dẫn", "checkbox", {}),
        ]
    ):
        EFormField.objects.create(
            version=office.version, key=key, label=label, field_type=kind, order=order, **extra
        )
    dossier = dossier_receive(
        reception=reception_for(
            office,
            form_data={
                "ngay_sinh": "2026-12-01",
                "con": [["Lê Thị Mai", "2010"]],
                "cam_doan": True,
            },
        ),
        actor=office.alice,
    )
    client.force_login(office.alice)
    page = client.get(page_url(dossier)).content.decode()
    assert "01/12/2026" in page and "2026-12-01" not in page
    assert "<td>Lê Thị Mai</td><td>2010</td>" in page
    assert "có đánh dấu" in page
