"""The pen the demo writes with: every write goes through the real services, at a story moment.

Each call moves `incheck.clock` to the moment the thing happened, so the services stamp it
with that time and apply the rules as of that day (a Next Up cannot be due in the past, a
confidence move of two points needs a reason, a closed period takes nothing). The loader
restores the clock afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.contrib.auth.models import User

from incheck import clock
from incheck.domain.checkins import Closure, Entry
from incheck.okrs.demo.people import PEOPLE, Org
from incheck.okrs.demo.timeline import Timeline
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period
from incheck.okrs.services.checkins import Sitting, checkin_sitting_create, next_up_close
from incheck.okrs.services.key_results import key_result_create, key_result_update
from incheck.okrs.services.objectives import objective_create
from incheck.okrs.services.signals import blocker_resolve, feedback_create

WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
}
LANGUAGE = {person.username: person.language for person in PEOPLE}
# People have habits: each writes at about the same time of day.
USUAL_TIME = {
    "demo": "08:40",
    "laura": "11:15",
    "jonas": "16:05",
    "priya": "13:30",
    "elin": "09:20",
    "tom": "15:45",
}


@dataclass(frozen=True)
class Plan:
    """A Next Up as the story writes it: due on a story day; `{day}` becomes its weekday."""

    text: str
    due: int
    expect: float | None = None


Item = Entry | Plan


def context(text: str) -> Entry:
    return Entry(kind="context", text=text)


def progress(value: float, text: str = "", *, signal: str = "", way_around: str = "") -> Entry:
    return Entry(kind="progress", value=value, text=text, signal=signal, way_around=way_around)


def milestone(reached: bool, text: str = "", *, signal: str = "", way_around: str = "") -> Entry:
    return Entry(kind="progress", reached=reached, text=text, signal=signal, way_around=way_around)


def confidence(level: int, text: str = "", *, signal: str = "", way_around: str = "") -> Entry:
    return Entry(kind="confidence", level=level, text=text, signal=signal, way_around=way_around)


def next_up(text: str, *, due: int, expect: float | None = None) -> Plan:
    return Plan(text=text, due=due, expect=expect)


def insight(text: str) -> Entry:
    return Entry(kind="insight", text=text)


def blocker(text: str, way_around: str = "") -> Entry:
    return Entry(kind="blocker", text=text, way_around=way_around)


def outcome(
    text: str,
    *,
    value: float | None = None,
    reached: bool | None = None,
    score: float | None = None,
    reason: str = "",
) -> Entry:
    return Entry(
        kind="outcome", text=text, value=value, reached=reached, score=score, score_reason=reason
    )


def done(happened: str, learned: str = "") -> Closure:
    return Closure(status="done", happened=happened, learned=learned)


def partly(happened: str, learned: str = "") -> Closure:
    return Closure(status="partly", happened=happened, learned=learned)


def not_done(happened: str, learned: str = "") -> Closure:
    return Closure(status="not_done", happened=happened, learned=learned)


def dropped(happened: str, learned: str = "") -> Closure:
    return Closure(status="dropped", happened=happened, learned=learned)


def blocker_in(sitting: Sitting) -> CheckIn:
    """The check-in of a sitting that carries the blocker signal."""
    return next(row for row in sitting.check_ins if row.signal == CheckIn.Signal.BLOCKER)


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def _grain(value: float) -> float:
    """The step a person writes this number in: 1390 in tens, 66 in ones, 2.4 in tenths."""
    decimals = _decimals(value)
    if decimals:
        return float(10**-decimals)
    return 10.0 if value and value % 10 == 0 else 1.0


@dataclass
class Story:
    """Writes one period's story for the organisation, day by day, through the services.

    `pace` stretches every value's distance from the start (1.0 leaves the story as written):
    a demo loaded late in a quarter keeps its healthy KRs on pace.
    """

    org: Org
    timeline: Timeline
    period: Period
    pace: float = 1.0

    def _user(self, username: str) -> User:
        return self.org.users[username]

    def _at(self, day: int, time: str) -> dt.datetime:
        moment = self.timeline.moment(day, time)
        clock.freeze(moment)
        return moment

    def _value(self, kr: KeyResult, value: float | None) -> float | None:
        if value is None or self.pace == 1.0 or kr.kr_type == KeyResult.Type.MILESTONE:
            return value
        moved = kr.start_value + (value - kr.start_value) * self.pace
        # Stretching never carries a value past its target.
        if kr.kr_type == KeyResult.Type.INCREASE:
            moved = min(moved, max(value, kr.target_value))
        else:
            moved = max(moved, min(value, kr.target_value))
        grain = _grain(value)
        return round(round(moved / grain) * grain, _decimals(value))

    def _entry(self, kr: KeyResult, item: Item, author: str) -> Entry:
        if isinstance(item, Plan):
            due_on = self.timeline.due(item.due)
            weekday = WEEKDAYS[LANGUAGE[author]][due_on.weekday()]
            return Entry(
                kind="next_up",
                text=item.text.replace("{day}", weekday),
                due_on=due_on,
                expected_value=self._value(kr, item.expect),
            )
        return replace(item, value=self._value(kr, item.value))

    def objective(
        self,
        *,
        by: str,
        day: int,
        title: str,
        description: str = "",
        team: str | None = None,
        owner: str | None = None,
        parent: Objective | None = None,
    ) -> Objective:
        self._at(day, USUAL_TIME[by])
        return objective_create(
            actor=self._user(by),
            period_id=self.period.pk,
            title=title,
            description=description,
            team_id=self.org.teams[team].pk if team else None,
            owner_id=self._user(owner).pk if owner else None,
            parent_id=parent.pk if parent else None,
        )

    def key_result(
        self,
        objective: Objective,
        *,
        by: str,
        day: int,
        owner: str,
        title: str,
        kr_type: str,
        start: float = 0.0,
        target: float = 1.0,
        unit: str = "",
    ) -> KeyResult:
        self._at(day, USUAL_TIME[by])
        return key_result_create(
            actor=self._user(by),
            objective_id=objective.pk,
            title=title,
            owner_id=self._user(owner).pk,
            kr_type=kr_type,
            start_value=start,
            target_value=target,
            unit=unit,
        )

    def edit(self, kr: KeyResult, *, by: str, day: int, **changes: object) -> KeyResult:
        self._at(day, USUAL_TIME[by])
        return key_result_update(actor=self._user(by), key_result_id=kr.pk, **changes)

    def sit(
        self,
        kr: KeyResult,
        day: int,
        *items: Item,
        closure: Closure | None = None,
        by: str | None = None,
        at: str | None = None,
    ) -> Sitting:
        """One sitting on `kr` by its owner (or `by`), on story day `day`."""
        author = by or kr.owner.get_username()
        self._at(day, at or USUAL_TIME[author])
        return checkin_sitting_create(
            actor=self._user(author),
            key_result_id=kr.pk,
            entries=[self._entry(kr, item, author) for item in items],
            closure=closure,
            tz=self.timeline.tz,
        )

    def close(self, kr: KeyResult, day: int, closure: Closure, *, at: str | None = None) -> CheckIn:
        """Close the KR's open Next Up on its own, without a new plan."""
        author = kr.owner.get_username()
        self._at(day, at or USUAL_TIME[author])
        next_up_id = KeyResult.objects.values_list("open_next_up_id", flat=True).get(pk=kr.pk)
        if next_up_id is None:
            raise ValueError(f"the demo story closes a Next Up that {kr} does not have")
        return next_up_close(actor=self._user(author), next_up_id=next_up_id, closure=closure)

    def resolve(
        self, found: CheckIn, day: int, resolution: str, *, by: str | None = None
    ) -> CheckIn:
        """Resolve a blocker with the way around it (recorded as an insight)."""
        author = by or found.key_result.owner.get_username()
        self._at(day, USUAL_TIME[author])
        return blocker_resolve(actor=self._user(author), blocker_id=found.pk, resolution=resolution)

    def feedback(
        self, kr: KeyResult, day: int, *, by: str, signal: str, text: str, at: str | None = None
    ) -> Feedback:
        self._at(day, at or USUAL_TIME[by])
        return feedback_create(actor=self._user(by), key_result_id=kr.pk, signal=signal, text=text)
