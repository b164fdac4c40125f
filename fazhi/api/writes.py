"""Writes from other systems through a register's own import path: the JSON records become a
workbook in the import's layout and go through `fazhi.core.imports.run_import`, so the API
applies exactly the validation, natural key and idempotency of the Excel import."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.api.errors import ApiError, django_details
from fazhi.core.imports import ImportSpec, run_import
from fazhi.core.xlsx import ImportProblems, build_workbook


def problems_to_error(exc: ImportProblems, headers: dict[str, str], *, prefix: str = ""):
    """Row errors (Chinese column header, row 2 = the first record) → a 422 naming the API
    field, as `<prefix>.<index>.<field>` when the payload is a list."""
    details = []
    for error in exc.errors:
        field = headers.get(error.column, error.column)
        index = max(error.row - 2, 0)
        details.append(
            {"field": f"{prefix}.{index}.{field}" if prefix else field, "message": error.reason}
        )
    message = "；".join(f"{d['field']}：{d['message']}" for d in details[:5])
    return ApiError(422, f"提交的数据未通过校验：{message}", details)


def import_records(
    spec: ImportSpec, records: list[dict], *, actor, request=None, prefix: str = "items"
) -> dict:
    """Store `records` (API field = the spec's column key) through the import; records whose
    natural key is already stored are skipped. Returns created/skipped counts."""
    headers = {c.header: c.key for c in spec.columns}
    keys = _parsed_keys(spec, records)
    if keys is not None and spec.existing_keys is not None:
        stored = spec.existing_keys(actor, keys)
        if all(k in stored for k in keys):
            return {"created": 0, "skipped": len(records)}
    data = build_workbook(
        [c.header for c in spec.columns],
        [
            ["" if r.get(c.key) is None else _cell(r.get(c.key)) for c in spec.columns]
            for r in records
        ],
    )
    try:
        result = run_import(spec, data, actor=actor, request=request)
    except ImportProblems as exc:
        raise problems_to_error(exc, headers, prefix=prefix) from exc
    except ValidationError as exc:
        details = django_details(exc)
        raise ApiError(422, "；".join(d["message"] for d in details[:5]), details) from exc
    return {"created": result.created, "skipped": result.skipped}


def _parsed_keys(spec: ImportSpec, records: list[dict]) -> list[tuple] | None:
    """The natural keys as the import's parsers read them (a label becomes its code), or None
    when a value does not parse: the import then names the problem."""
    parsers = {c.key: c.parse for c in spec.columns}
    try:
        return [
            tuple(
                parsers[k](_cell(r.get(k))) if k in parsers else r.get(k) for k in spec.natural_key
            )
            for r in records
        ]
    except (ValueError, TypeError, ValidationError):
        return None


def _cell(value):
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
