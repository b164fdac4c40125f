"""Workflow tables (architecture rule 2): states, transitions, and a guard beside each one.

A register's `workflow.py` declares a `Workflow` of `Transition`s: the states a step leaves and
enters, its guard `may_<verb>(user, obj, **facts) -> Verdict` (a refusal names the article the
law forbids the step under), the article it applies, the fields it fills from its facts, the
deadline clocks it starts, stops or pauses, and its timeline text. Services call
`WORKFLOW.step(verb, obj, actor=…, expected_version=…, **facts)` (or `apply_step`), which does
lock → guard → fields → state → clocks → save → timeline → audit in one transaction; a refusal
raises a Chinese `TransitionRefused` (a `ValidationError`) and writes nothing.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import record_access_event


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Verdict(True)


def refuse(reason: str) -> Verdict:
    return Verdict(False, reason)


def first_refusal(*verdicts: Verdict) -> Verdict:
    """The first refused verdict, or ALLOW when all pass."""
    for verdict in verdicts:
        if not verdict:
            return verdict
    return ALLOW


Guard = Callable[..., Verdict]  # may_<verb>(user, obj, **facts) -> Verdict


class TransitionRefused(ValidationError):
    """A step the law (or the record's state) does not allow; the message names the article."""


class ConcurrentEditError(ValidationError):
    """Someone saved the record after the caller read it: the caller's change would be lost."""


@dataclass(frozen=True)
class Transition:
    """One row of a register's step table.

    `sources`/`target`: the states it leaves and enters (`target` None: the state stays, the
    step only records an act). `guard`: `may_<verb>(user, obj, **facts)`, or `(user, obj)` for
    guards that need no facts. `rule`: the article the step applies, shown beside its button
    and on the timeline. `sets`: record fields filled from the step's facts
    (`{"accepted_on": "on"}`). `starts`/`stops`/`pauses`/`resumes`: period-rule codes whose
    clocks the step starts, closes, pauses or resumes on `facts["on"]`. `timeline`: the text
    of the timeline event, formatted with the facts (`"受理（{on:%Y年%m月%d日}）"`).
    """

    verb: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (e.g. recording a step)
    guard: Guard | None = None
    rule: str = ""  # the article the guard enforces, shown beside the button
    sets: Mapping[str, str] = field(default_factory=dict)
    starts: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    pauses: tuple[str, ...] = ()
    resumes: tuple[str, ...] = ()
    timeline: str = ""
    wrong_state: str = ""  # a specific refusal when the record is in the wrong state
    wrong_state_in: tuple[str, ...] = ()  # …given only in these states (empty: in every state)


def _takes_facts(guard: Guard) -> bool:
    params = inspect.signature(guard).parameters.values()
    return len(params) > 2 or any(p.kind is p.VAR_KEYWORD for p in params)


@dataclass(frozen=True)
class StepContext:
    """What the step's effects see: the locked record, the row of the table, the facts."""

    workflow: Workflow
    transition: Transition
    obj: object
    actor: object
    facts: dict
    on: date | None


# Effects run inside the step's transaction after the guard passed and the state moved, before
# the save: the deadline engine registers the clock effect here (core cannot import it).
STEP_EFFECTS: list[Callable[[StepContext], None]] = []

_by_model: dict[type, Workflow] = {}


class Workflow:
    """A register's step table. `model`: the record it moves (for `apply_step(verb, obj)`);
    `timeline(obj, *, verb, text, on, actor, citation)`: writes the register's timeline event.
    `subject`: how a refusal names the record ("案件当前状态为…"); `lock_related`: relations
    fetched with the locked row; `before_save(obj)`: the register's last check before the save
    (e.g. `full_clean`)."""

    def __init__(
        self,
        transitions: Iterable[Transition],
        *,
        field: str = "state",
        model: type | None = None,
        timeline: Callable | None = None,
        subject: str = "",
        lock_related: tuple[str, ...] = (),
        before_save: Callable | None = None,
    ):
        self.field = field
        self.transitions = {t.verb: t for t in transitions}
        self.model = model
        self.timeline = timeline
        self.subject = subject
        self.lock_related = lock_related
        self.before_save = before_save
        if model is not None:
            _by_model[model] = self

    def __getitem__(self, verb: str) -> Transition:
        return self.transitions[verb]

    def check(self, verb: str, user, obj, **facts) -> Verdict:
        transition = self.transitions[verb]
        state = getattr(obj, self.field)
        if state not in transition.sources:
            if transition.wrong_state and state in (transition.wrong_state_in or (state,)):
                return refuse(transition.wrong_state)
            label = getattr(obj, f"get_{self.field}_display", lambda: state)()
            return refuse(f"{self.subject}当前状态为“{label}”，不能{transition.label}。")
        if transition.guard is None:
            return ALLOW
        if _takes_facts(transition.guard):
            return transition.guard(user, obj, **facts)
        return transition.guard(user, obj)

    def require(self, verb: str, user, obj, **facts) -> Transition:
        verdict = self.check(verb, user, obj, **facts)
        if not verdict:
            raise TransitionRefused(verdict.reason, code="transition_refused")
        return self.transitions[verb]

    def apply(self, verb: str, user, obj, **facts) -> Transition:
        """Check and move the state in memory; the service saves inside its transaction."""
        transition = self.require(verb, user, obj, **facts)
        if transition.target is not None:
            setattr(obj, self.field, transition.target)
        return transition

    def available(self, user, obj) -> list[Transition]:
        return [t for t in self.transitions.values() if self.check(t.verb, user, obj)]

    def step(
        self,
        verb: str,
        obj,
        *,
        actor,
        expected_version: int | None = None,
        changes: Mapping[str, object] | None = None,
        effect: Callable[[StepContext], None] | None = None,
        **facts,
    ):
        """Run one step: lock → guard → fields → state → clocks → save → timeline → audit.

        `changes` are set on the record after the guard passed (fields the service computed);
        `effect(ctx)` does what only this register knows, inside the same transaction, and may
        return the timeline event's text (a `str`), or a dict of its fields (`text`, `on`, and
        what the register's timeline takes), or `{"timeline": False}` for no event.
        Returns the saved record (the locked, fresh instance).
        """
        with transaction.atomic():
            fresh = lock_for_update(obj, expected_version, related=self.lock_related)
            transition = self.apply(verb, actor, fresh, **facts)
            for field_name, fact in transition.sets.items():
                setattr(fresh, field_name, facts[fact])
            for field_name, value in (changes or {}).items():
                setattr(fresh, field_name, value)
            context = StepContext(self, transition, fresh, actor, facts, facts.get("on"))
            event = effect(context) if effect is not None else None
            for registered in STEP_EFFECTS:
                registered(context)
            if self.before_save is not None:
                self.before_save(fresh)
            save_versioned(fresh, actor)
            self._record(context, event)
        return fresh

    def move(self, verb: str, obj, actor, expected_version, apply: Callable, **facts):
        """`step` for a service whose own work is `apply(obj)` on the locked record (it may
        return the timeline event, as `effect` does)."""
        return self.step(
            verb,
            obj,
            actor=actor,
            expected_version=expected_version,
            effect=lambda ctx: apply(ctx.obj),
            **facts,
        )

    def _record(self, context: StepContext, event: str | Mapping | None = None) -> None:
        transition = context.transition
        text = transition.timeline.format(**context.facts) if transition.timeline else ""
        fields = {"text": event} if isinstance(event, str) else dict(event or {})
        if self.timeline is not None and fields.pop("timeline", True):
            self.timeline(
                context.obj,
                **{
                    "verb": transition.verb,
                    "text": text or transition.label,
                    "on": context.on,
                    "actor": context.actor,
                    "citation": transition.rule,
                    **fields,
                },
            )
        record_step(context.obj, actor=context.actor, label=transition.label, rule=transition.rule)


def not_future(on: date | None, label: str) -> None:
    """A step's date cannot be later than today (nothing is recorded ahead of time)."""
    if on is not None and on > timezone.localdate():
        raise ValidationError(f"{label}（{on:%Y-%m-%d}）不能晚于今天。")


def workflow_for(model: type) -> Workflow:
    return _by_model[model]


def apply_step(verb: str, obj, *, actor, expected_version: int | None = None, **facts):
    """The one way a register moves a record: `workflow_for(type(obj)).step(...)`."""
    return workflow_for(type(obj)).step(
        verb, obj, actor=actor, expected_version=expected_version, **facts
    )


# --- the shared plumbing of every step ------------------------------------------------------


def lock_for_update(obj, expected_version: int | None, *, related: tuple[str, ...] = ()):
    """SELECT … FOR UPDATE the record; refuse when someone saved a newer version (optimistic
    locking: the message says who changed it and when)."""
    model = type(obj)
    rows = model._default_manager.select_for_update(of=("self",))
    fresh = (rows.select_related(*related) if related else rows).get(pk=obj.pk)
    check_version(fresh, expected_version)
    return fresh


def check_version(current, expected_version: int | None) -> None:
    """Refuse when `current` (the stored record) is newer than the version the caller read,
    saying who changed it and when (optimistic locking; forms call it before a save too)."""
    if expected_version is None or not hasattr(current, "version"):
        return
    if current.version != expected_version:
        who = getattr(getattr(current, "updated_by", None), "display_name", "") or "系统"
        when = getattr(current, "updated_at", None)
        when_text = timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S") if when else "此前"
        raise ConcurrentEditError(
            f"保存失败：{current} 已于 {when_text} 由 {who} 修改（当前版本 {current.version}，"
            f"您编辑的是版本 {expected_version}）。为避免覆盖他人的修改，请刷新页面后重新填写。"
        )


def save_versioned(obj, actor) -> None:
    """Bump `version`, stamp `updated_by`/`updated_at` where the model has them, and save."""
    if hasattr(obj, "version"):
        obj.version += 1
    if hasattr(obj, "updated_at"):
        obj.updated_at = timezone.now()
    if actor is not None and hasattr(obj, "updated_by_id"):
        obj.updated_by = actor
    obj.save()


def record_step(obj, *, actor, label: str, rule: str = "", kind: str = "step") -> None:
    """Every step leaves an entry in the access log the audit admin reads (security.md C1)."""
    detail = {"step": label}
    if rule:
        detail["rule"] = rule
    record_access_event(None, kind, user=actor, obj=obj, detail=detail)
