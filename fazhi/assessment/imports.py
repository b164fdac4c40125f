"""The import of the office's 指标体系 file (fazhi.core.imports): the whole file becomes one new
framework, or nothing is written (rows, columns and reasons in the error)."""

from __future__ import annotations

from fazhi.assessment import services
from fazhi.assessment.tree import COLUMNS
from fazhi.core.imports import ImportSpec


def framework_spec(*, name: str, note: str = "", is_sample: bool = False, source_file: str = ""):
    """The import of one framework file, stored by `services.framework_store`."""
    return ImportSpec(
        name="assessment.Framework",
        columns=COLUMNS,
        store=lambda actor, rows: services.framework_store(
            actor=actor,
            rows=rows,
            name=name,
            note=note,
            is_sample=is_sample,
            source_file=source_file,
        ),
        natural_key=("number",),
    )
