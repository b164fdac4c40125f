"""Rules and calendar read once per request or import.

Within `fixed()` each rule's override (`effective_rule`) and the calendar version in force
(`current_version`) are read from the database once and reused: a 工作台 asked for them once
per provider, and a 台账 import once per row. The writers of both (a rule override saved, a
calendar version imported) call `forget()`, so the rest of their own request sees the change.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_memo: ContextVar[dict | None] = ContextVar("deadlines_fixed", default=None)


@contextmanager
def fixed() -> Iterator[None]:
    """Read rules and calendar once inside the block (nested blocks share the outer memo)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key: tuple, read: Callable[[], Any]) -> Any:
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget() -> None:
    """After a write of an override or a calendar version: read them afresh from now on."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class FixedRulesMiddleware:
    """One memo per request (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with fixed():
            return self.get_response(request)
