"""Workflow tables (architecture rule 2): states, transitions, and a guard beside each one.

A register's `workflow.py` declares a `Workflow` of `Transition`s. Each guard is a function
`may_<verb>(user, obj) -> Verdict`; a refused verdict carries the reason, naming the article
the law forbids the step under. Services call `WORKFLOW.apply(verb, user, obj)`, which raises a
Chinese `ValidationError` with that reason and otherwise moves the state (the caller saves).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError


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


Guard = Callable[[object, object], Verdict]


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (e.g. recording a step)
    guard: Guard | None = None
    rule: str = ""  # the article the guard enforces, shown beside the button


class Workflow:
    def __init__(self, transitions: Iterable[Transition], *, field: str = "state"):
        self.field = field
        self.transitions = {t.verb: t for t in transitions}

    def __getitem__(self, verb: str) -> Transition:
        return self.transitions[verb]

    def check(self, verb: str, user, obj) -> Verdict:
        transition = self.transitions[verb]
        state = getattr(obj, self.field)
        if state not in transition.sources:
            label = getattr(obj, f"get_{self.field}_display", lambda: state)()
            return refuse(f"当前状态为“{label}”，不能{transition.label}。")
        if transition.guard is not None:
            return transition.guard(user, obj)
        return ALLOW

    def require(self, verb: str, user, obj) -> Transition:
        verdict = self.check(verb, user, obj)
        if not verdict:
            raise ValidationError(verdict.reason, code="transition_refused")
        return self.transitions[verb]

    def apply(self, verb: str, user, obj) -> Transition:
        """Check and move the state in memory; the service saves inside its transaction."""
        transition = self.require(verb, user, obj)
        if transition.target is not None:
            setattr(obj, self.field, transition.target)
        return transition

    def available(self, user, obj) -> list[Transition]:
        return [t for t in self.transitions.values() if self.check(t.verb, user, obj)]
