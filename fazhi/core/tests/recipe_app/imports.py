from fazhi.core.imports import ImportSpec
from fazhi.core.tests.recipe_app.selectors import permit_list
from fazhi.core.tests.recipe_app.services import permit_import
from fazhi.core.xlsx import Column, parse_date


def _stored(actor, keys):
    numbers = [number for (number,) in keys]
    found = permit_list(user=actor).filter(number__in=numbers).values_list("number", flat=True)
    return {(number,) for number in found}


PERMIT_IMPORT = ImportSpec(
    name="recipe_app.Permit",
    columns=[Column("编号", "number"), Column("收件日期", "received_on", parse_date)],
    store=lambda actor, rows: permit_import(actor=actor, rows=rows),
    natural_key=("number",),
    existing_keys=_stored,
)
