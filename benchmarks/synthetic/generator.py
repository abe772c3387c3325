"""Synthetic dossiers for benchmarks: realistic volumes, channels, states, deadlines and history.

Rows go in by batches, one transaction each (COPY on PostgreSQL, bulk_create elsewhere), and
never through `dossier_receive`: the service writes one dossier per transaction (sequence row
lock, audit row, calendar query), right at the counter and far too slow for a million rows.
The rules still come from the real code: due dates from core.workdays (calendar loaded once),
codes from dossiers.codes, states and actions from dossiers.workflow.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from benchmarks.synthetic.people import applicant_fields
from benchmarks.synthetic.world import Office, world_prepare
from catalog.models import Channel
from core.selectors import working_calendar
from core.text import fold
from core.workdays import (
    VIETNAM,
    OfficeHours,
    WorkingCalendar,
    add_working_minutes,
    due_after_supplement,
    due_at,
    effective_receipt,
)
from dossiers.codes import dossier_code
from dossiers.models import DailySequence
from dossiers.workflow import Action, State

# Shares of all dossiers, from the published one-stop-shop statistics' usual order of magnitude.
CHANNEL_WEIGHTS = {Channel.DIRECT: 60, Channel.ONLINE: 36, Channel.POSTAL: 4}
LATE_SHARE = 0.07
APOLOGY_ON_TIME_SHARE = 0.85  # the rest are written late, after the due date passed
REFUSED_SHARE = 0.04  # of online submissions
WITHDRAWN_SHARE = 0.01
STOPPED_SHARE = 0.01
SUPPLEMENT_SHARE = 0.04
SUPPLEMENT_ABANDONED_SHARE = 0.25  # of supplement requests: closed after 15 days
UNCOLLECTED_SHARE = 0.005  # results never picked up
STUCK_SHARE = 0.005  # dossiers forgotten for weeks: the "overdue, still in progress" queue
MINUTE = timedelta(minutes=1)
DUE_SETTERS = frozenset({"receive", Action.ACCEPT, Action.SUPPLEMENT_RECEIVED})


@dataclass
class Plan:
    """One dossier before it has an id: its fields, its history and its checklist."""

    office: Office
    code_at: datetime
    fields: dict
    steps: list  # (at, action, from_state, to_state, actor_id, due_after, reason)
    applicant: dict
    documents: list  # (required_id, name, originals, copies)
    code: str = ""


class Generator:
    def __init__(self, *, seed: int, now: datetime, years: int, communes: int) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.offices, self.procedures = world_prepare(communes=communes, rng=self.rng)
        self.calendar: WorkingCalendar = working_calendar()
        first = now.astimezone(VIETNAM).date().replace(year=now.year - years)
        self.days = [
            first + timedelta(days=n)
            for n in range((now.astimezone(VIETNAM).date() - first).days + 1)
            if self.calendar.is_working_day(first + timedelta(days=n))
        ]
        # Days since the previous working day: the evenings and closed days before each one.
        self.closed_before = {
            day: (day - previous).days
            for previous, day in zip(
                [self.days[0] - timedelta(days=1), *self.days[:-1]], self.days, strict=True
            )
        }
        self.office_weights = [office.weight for office in self.offices]
        self.procedure_weights = [procedure.weight for procedure in self.procedures]
        agency_ids = [office.centre.pk for office in self.offices]
        self.sequences = {
            (agency_id, day): last
            for agency_id, day, last in DailySequence.objects.filter(
                agency_id__in=agency_ids
            ).values_list("agency_id", "day", "last")
        }

    # Volumes -------------------------------------------------------------------------------

    def day_totals(self, count: int) -> list[int]:
        """Dossiers per working day: busier on Mondays, growing by half over the period."""
        n = len(self.days)
        weights = [
            (1.15 if day.weekday() == 0 else 0.9 if day.weekday() == 4 else 1.0)
            * (0.8 + 0.4 * index / max(n - 1, 1))
            for index, day in enumerate(self.days)
        ]
        scale = count / sum(weights)
        totals = [int(weight * scale) for weight in weights]
        for index in self.rng.choices(range(n), weights=weights, k=count - sum(totals)):
            totals[index] += 1
        return totals

    def plans(self, count: int) -> Iterator[Plan]:
        """Plans day by day, numbered in the order the counter would have numbered them. A
        day's evening and the closed days after it are planned with the next working day, so
        every code day is numbered in one go."""
        for day, total in zip(self.days, self.day_totals(count), strict=True):
            offices = self.rng.choices(self.offices, weights=self.office_weights, k=total)
            plans = sorted((self.plan(office, day) for office in offices), key=_code_moment)
            for plan in plans:
                key = (plan.office.centre.pk, plan.code_at.date())
                self.sequences[key] = self.sequences.get(key, 0) + 1
                plan.code = dossier_code(
                    agency_code=plan.office.centre.code, day=key[1], sequence=self.sequences[key]
                )
                yield plan

    # One dossier ---------------------------------------------------------------------------

    def plan(self, office: Office, day: date) -> Plan:
        rng = self.rng
        procedure = rng.choices(self.procedures, weights=self.procedure_weights)[0]
        channels = [c for c in CHANNEL_WEIGHTS if c in procedure.terms]
        channel = rng.choices(channels, weights=[CHANNEL_WEIGHTS[c] for c in channels])[0]
        term = procedure.terms[channel]
        hours = office.hours
        counter_time = _office_time(rng, day, hours)
        if counter_time >= self.now:  # today: only what has already arrived
            counter_time = self.now - timedelta(minutes=rng.randint(1, 240))
        steps: list = []
        specialist, leader, officer = office.specialist_id, office.leader_id, office.officer_id
        if channel == Channel.ONLINE:
            submitted = counter_time
            if rng.random() < 0.3:  # sent after closing time the day (or days) before
                closed = self.closed_before[day]
                submitted = datetime.combine(
                    day - timedelta(days=rng.randint(1, closed)),
                    _clock(rng, 17 * 60, 23 * 60 + 59),
                    tzinfo=VIETNAM,
                )
            code_at = submitted
            steps.append((submitted, "receive", "", State.SUBMITTED, None, None, ""))
            answered = add_working_minutes(
                submitted, rng.randint(5, 470), calendar=self.calendar, hours=hours
            )
            if rng.random() < REFUSED_SHARE:
                steps.append(
                    (
                        answered,
                        Action.REFUSE,
                        State.SUBMITTED,
                        State.REFUSED,
                        officer,
                        None,
                        "Hồ sơ không thuộc thẩm quyền giải quyết",
                    )  # fmt: skip
                )
                return self._finish(office, procedure, channel, code_at, steps, None)
            received = answered
            due = due_at(received, term, calendar=self.calendar, hours=hours)
            steps.append(
                (received, Action.ACCEPT, State.SUBMITTED, State.ACCEPTED, officer, due, "")
            )
        else:
            code_at = received = counter_time
            due = due_at(received, term, calendar=self.calendar, hours=hours)
            steps.append((received, "receive", "", State.ACCEPTED, officer, due, ""))
        self._process(steps, received, due, term, hours, specialist, leader, officer)
        return self._finish(office, procedure, channel, code_at, steps, received)

    def _process(self, steps, received, due, term, hours, specialist, leader, officer) -> None:
        """Append the rest of the history after acceptance, whether or not it has happened yet:
        `_finish` cuts it at `now`."""
        rng, calendar = self.rng, self.calendar
        at = received + timedelta(minutes=rng.randint(5, 120))
        steps.append((at, Action.ASSIGN, State.ACCEPTED, State.IN_PROGRESS, officer, due, ""))
        fate = rng.random()
        if fate < WITHDRAWN_SHARE + STOPPED_SHARE:
            at = self._between(at, max(due, at + MINUTE), hours)
            action, target = (
                (Action.WITHDRAW, State.WITHDRAWN)
                if fate < WITHDRAWN_SHARE
                else (Action.STOP, State.STOPPED)
            )
            steps.append((at, action, State.IN_PROGRESS, target, specialist, due, "Theo đề nghị"))
            return
        if fate < WITHDRAWN_SHARE + STOPPED_SHARE + SUPPLEMENT_SHARE:
            at = self._between(at, max(due, at + MINUTE), hours)
            steps.append(
                (
                    at,
                    Action.REQUEST_SUPPLEMENT,
                    State.IN_PROGRESS,
                    State.SUPPLEMENT_REQUESTED,
                    specialist,
                    due,
                    "Bổ sung bản sao giấy tờ tùy thân",
                )  # fmt: skip
            )
            if rng.random() < SUPPLEMENT_ABANDONED_SHARE:
                closed = at + timedelta(days=15, hours=rng.randint(1, 120))
                steps.append(
                    (
                        closed,
                        Action.CLOSE_UNSUPPLEMENTED,
                        State.SUPPLEMENT_REQUESTED,
                        State.STOPPED,
                        officer,
                        due,
                        "Quá 15 ngày không bổ sung",
                    )  # fmt: skip
                )
                return
            at = _office_time(rng, (at + timedelta(days=rng.randint(1, 10))).date(), hours)
            due = due_after_supplement(at, term, calendar=calendar, hours=hours)
            steps.append(
                (
                    at,
                    Action.SUPPLEMENT_RECEIVED,
                    State.SUPPLEMENT_REQUESTED,
                    State.IN_PROGRESS,
                    officer,
                    due,
                    "",
                )  # fmt: skip
            )
        start = at
        roll = rng.random()
        if roll < STUCK_SHARE:
            finished = effective_receipt(
                due + timedelta(days=rng.randint(20, 90)), calendar=calendar, hours=hours
            )
        elif roll < STUCK_SHARE + LATE_SHARE:
            finished = add_working_minutes(
                due, rng.randint(30, 3 * 570), calendar=calendar, hours=hours
            )
        else:
            finished = self._between(start + 2 * MINUTE, max(due, start + 3 * MINUTE), hours)
        extended = None
        if finished > due:
            before = calendar.add_working_days(due.date(), 0)
            letter_day = (
                _previous_working_day(calendar, before)
                if rng.random() < APOLOGY_ON_TIME_SHARE
                else before
            )
            letter = max(datetime.combine(letter_day, hours.closes, tzinfo=VIETNAM) - 60 * MINUTE,
                         start + MINUTE)  # fmt: skip
            letter = min(letter, finished - 2 * MINUTE)
            extended = datetime.combine(
                calendar.add_working_days(due.date(), rng.randint(2, 5)),
                hours.closes,
                tzinfo=VIETNAM,
            )
            steps.append(
                (
                    letter,
                    Action.APOLOGISE,
                    State.IN_PROGRESS,
                    State.IN_PROGRESS,
                    specialist,
                    extended,
                    "Cần xác minh thêm thông tin",
                )  # fmt: skip
            )
        proposed = max(finished - timedelta(minutes=rng.randint(20, 600)), steps[-1][0] + MINUTE)
        state_due = extended or due
        steps.append((proposed, Action.PROPOSE, State.IN_PROGRESS, State.PROPOSED, specialist,
                      state_due, ""))  # fmt: skip
        finished = max(finished, proposed + MINUTE)
        steps.append((finished, Action.APPROVE, State.PROPOSED, State.RESULT_READY, leader,
                       state_due, ""))  # fmt: skip
        if rng.random() >= UNCOLLECTED_SHARE:
            pickup = calendar.add_working_days(finished.date(), rng.choice((0, 0, 1, 1, 2, 3, 5)))
            returned = max(_office_time(rng, pickup, hours), finished + 5 * MINUTE)
            steps.append((returned, Action.RETURN_RESULT, State.RESULT_READY, State.RETURNED,
                          officer, state_due, ""))  # fmt: skip

    def _between(self, start: datetime, end: datetime, hours: OfficeHours) -> datetime:
        """A moment of office time between start and end (a working day's closing), usually in
        the second half: work fills the term."""
        moment = start + (end - start) * self.rng.betavariate(3, 2)
        return min(effective_receipt(moment, calendar=self.calendar, hours=hours), end)

    def _finish(self, office, procedure, channel, code_at, steps, received) -> Plan:
        """Keep the history up to now and read the dossier's fields off it."""
        steps = [step for step in steps if step[0] <= self.now]
        done = {step[1]: step for step in steps}
        state = steps[-1][3]
        accepted = Action.ACCEPT in done or channel != Channel.ONLINE
        # The legal due date is set at acceptance and reset by a complete supplement; later
        # steps carry the date after an apology, which is kept apart (extended_due_at).
        due = next((step[5] for step in reversed(steps) if step[1] in DUE_SETTERS), None)
        ends = (Action.APPROVE, Action.STOP, Action.WITHDRAW, Action.CLOSE_UNSUPPLEMENTED)
        finished = next((done[a][0] for a in ends if a in done), None)
        assigned = Action.ASSIGN in done and state not in (State.RETURNED,)
        fields = {
            "procedure_version_id": procedure.version_id,
            "channel": channel,
            "state": state,
            "version": len(steps),
            "receiving_agency_id": office.centre.pk,
            "competent_agency_id": office.committee.pk,
            "handling_agency_id": office.committee.pk,
            "return_agency_id": office.centre.pk,
            "return_method": "post" if channel == Channel.POSTAL else "counter",
            "assignee_id": office.specialist_id if assigned else None,
            "request_summary": procedure.name[:500],
            "submitted_at": steps[0][0] if channel == Channel.ONLINE else None,
            "received_at": received if accepted else None,
            "acceptance_due_at": (
                add_working_minutes(steps[0][0], 480, calendar=self.calendar, hours=office.hours)
                if channel == Channel.ONLINE
                else None
            ),
            "due_at": due if accepted else None,
            "extended_due_at": done[Action.APOLOGISE][5] if Action.APOLOGISE in done else None,
            "supplement_requested_at": (
                done[Action.REQUEST_SUPPLEMENT][0] if Action.REQUEST_SUPPLEMENT in done else None
            ),
            "finished_at": finished,
            "returned_at": done[Action.RETURN_RESULT][0] if Action.RETURN_RESULT in done else None,
            "received_by_post": channel == Channel.POSTAL,
            "returned_by_post": channel == Channel.POSTAL and Action.RETURN_RESULT in done,
            "created_by_id": office.officer_id,
        }
        count = min(len(procedure.documents), self.rng.randint(2, 4))
        documents = procedure.documents[:count] or [(None, "Tờ khai theo mẫu", 1, 0)]
        while len(documents) < 2:
            documents = [*documents, (None, "Bản sao giấy tờ tùy thân", 0, 1)]
        return Plan(
            office=office,
            code_at=code_at.astimezone(VIETNAM),
            fields=fields,
            steps=steps,
            applicant=applicant_fields(
                self.rng, office=office, folded=_folded, today=self.now.date()
            ),
            documents=documents,
        )


def _code_moment(plan: Plan) -> datetime:
    return plan.code_at


@lru_cache(maxsize=20000)
def _folded(name: str) -> str:
    # Names repeat (16 families × 10 middle × 20 given names): fold each once.
    return fold(name)[:150]


def _clock(rng: random.Random, low: int, high: int):
    minutes = rng.randint(low, high)
    return datetime.min.replace(hour=minutes // 60, minute=minutes % 60).time()


def _office_time(rng: random.Random, day: date, hours: OfficeHours) -> datetime:
    """A moment of the day's office hours, busiest in the morning."""
    opens = hours.opens.hour * 60 + hours.opens.minute
    closes = hours.closes.hour * 60 + hours.closes.minute
    minutes = int(rng.triangular(opens, closes - 1, opens + 90))
    clock = datetime.min.replace(hour=minutes // 60, minute=minutes % 60).time()
    return datetime.combine(day, clock, tzinfo=VIETNAM)


def _previous_working_day(calendar: WorkingCalendar, day: date) -> date:
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day
