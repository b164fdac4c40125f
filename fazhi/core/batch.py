"""Several independent querysets read in one statement (one round trip instead of one each).

`evaluate_together(querysets)` compiles each queryset as Django would, runs them all as one
`SELECT (SELECT json_agg(...) FROM (<query 1>)), (SELECT json_agg(...) FROM (<query 2>)), …`
and hands each queryset's rows back to Django's own iterable, so the objects are those the
queryset would have given (select_related, annotations, values(), field converters). A
queryset with a column type this module does not convert from JSON is evaluated on its own.

The 工作台 uses it (fazhi.core.workbench): every register contributes a few small querysets.
"""

from __future__ import annotations

import inspect
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

_CONVERT: dict[str, Callable] = {
    "DateField": date.fromisoformat,
    "DateTimeField": datetime.fromisoformat,
    "TimeField": time.fromisoformat,
    "DecimalField": Decimal,
    "FloatField": float,
    "UUIDField": uuid.UUID,
    "JSONField": json.dumps,  # Django's converter reads JSON text
}
_NATIVE = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "BigIntegerField",
    "IntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "BooleanField",
    "CharField",
    "TextField",
    "EmailField",
    "SlugField",
    "URLField",
    "ForeignKey",
    "OneToOneField",
    "ArrayField",
    "GenericIPAddressField",  # Django reads inet as text
}


def _converters(compiler) -> list[Callable | None] | None:
    """Per output column, what turns its JSON value into the database driver's value; None when
    a column's type is not handled (the queryset is then evaluated on its own)."""
    if compiler.has_extra_select:  # ordering columns beyond the selected ones
        return None
    found = []
    for expression, _sql, _alias in compiler.select[: compiler.col_count]:
        internal = expression.output_field.get_internal_type()
        if internal in _CONVERT:
            found.append(_CONVERT[internal])
        elif internal in _NATIVE:
            found.append(None)
        else:
            return None
    return found


class _Prepared:
    def __init__(self, queryset: QuerySet):
        self.queryset = queryset._chain()
        self.compiler = self.queryset.query.get_compiler(using=self.queryset.db)
        self.empty = False
        try:
            self.sql, self.params = self.compiler.as_sql()
        except EmptyResultSet:
            self.empty, self.sql, self.params = True, "", ()
        self.converters = None if self.empty else _converters(self.compiler)

    @property
    def batched(self) -> bool:
        return self.empty or self.converters is not None

    def fill(self, rows: list[list]) -> list:
        """Let Django's iterable build the objects from the given rows."""
        compiler, query = self.compiler, self.queryset.query
        compiler.execute_sql = lambda *args, **kwargs: iter([rows])
        query.get_compiler = lambda *args, **kwargs: compiler
        try:
            return list(self.queryset)
        finally:
            del query.get_compiler

    def decode(self, values: list[dict]) -> list[list]:
        rows = []
        for value in values:
            row = [value[f"c{n}"] for n in range(self.compiler.col_count)]
            for n, convert in enumerate(self.converters):
                if convert is not None and row[n] is not None:
                    row[n] = convert(row[n])
            rows.append(row)
        return rows


def evaluate_together(querysets: Sequence[QuerySet]) -> list[list]:
    """Each queryset's objects, in order, read in one statement (querysets of one database)."""
    prepared = [_Prepared(queryset) for queryset in querysets]
    parts, params, positions = [], [], []
    for n, item in enumerate(prepared):
        if item.empty or not item.batched:
            continue
        columns = ", ".join(f"c{i}" for i in range(item.compiler.col_count))
        parts.append(
            f"(SELECT coalesce(json_agg(t), '[]')::text FROM ({item.sql}) AS t({columns}))"  # noqa: S608 - ORM-compiled SQL
        )
        params.extend(item.params)
        positions.append(n)
    decoded: dict[int, list[dict]] = {}
    if parts:
        using = prepared[positions[0]].queryset.db
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            texts = cursor.fetchone()
        decoded = {
            n: json.loads(text, parse_float=Decimal)
            for n, text in zip(positions, texts, strict=True)
        }
    results = []
    for n, item in enumerate(prepared):
        if item.empty:
            results.append(item.fill([]))
        elif n in decoded:
            results.append(item.fill(item.decode(decoded[n])))
        else:
            results.append(list(item.queryset))
    return results


def read_together(*items) -> list:
    """The items with each queryset among them replaced by its objects, the querysets read in
    one statement; other items (lists already read) are returned as they are."""
    querysets = [item for item in items if isinstance(item, QuerySet)]
    read = iter(evaluate_together(querysets))
    return [next(read) if isinstance(item, QuerySet) else item for item in items]


class Stepped:
    """What one call gave once its generator (if any) ran to the end: the values it yielded on
    the way that were not querysets (`emitted`) and its return value (`result`)."""

    __slots__ = ("emitted", "result")

    def __init__(self, emitted: list, result):
        self.emitted, self.result = emitted, result


def run_together(produced: Sequence) -> list[Stepped]:
    """Run several callers' generators side by side.

    A generator yields the querysets it needs (one, or a tuple or list of several) and receives
    their objects as lists; anything else it yields is kept in `emitted`. The querysets that all
    generators ask for at one step are read in one statement (`evaluate_together`), so N callers
    of k steps cost k statements, not N × k. A value that is not a generator is its own result.
    """
    outcomes = [Stepped([], value) for value in produced]
    waiting: list[tuple[int, object, object]] = []
    for n, value in enumerate(produced):
        if inspect.isgenerator(value):
            _step(n, value, None, outcomes, waiting, first=True)
    while waiting:
        asked, waiting = waiting, []
        flat = [queryset for _n, _gen, wanted in asked for queryset in _many(wanted)]
        answers = iter(evaluate_together(flat))
        for n, gen, wanted in asked:
            got = [next(answers) for _ in _many(wanted)]
            _step(n, gen, got if isinstance(wanted, tuple | list) else got[0], outcomes, waiting)
    return outcomes


def run_alone(produced):
    """One call's result, its querysets read as it asks for them (a generator's direct caller)."""
    return run_together([produced])[0]


def _many(wanted) -> list:
    return list(wanted) if isinstance(wanted, tuple | list) else [wanted]


def _asks(value) -> bool:
    return isinstance(value, QuerySet) or (
        isinstance(value, tuple | list) and all(isinstance(v, QuerySet) for v in value)
    )


def _step(n, gen, answer, outcomes, waiting, *, first=False) -> None:
    """Step the generator to its next request for querysets."""
    try:
        wanted = next(gen) if first else gen.send(answer)
        while not _asks(wanted):
            outcomes[n].emitted.append(wanted)
            wanted = next(gen)
    except StopIteration as done:
        outcomes[n].result = done.value
    else:
        waiting.append((n, gen, wanted))
