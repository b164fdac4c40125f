"""The recipe works: a throwaway register built from docs/adding-a-register.md alone.

`fazhi/core/tests/recipe_app` declares a model, a step table, a period rule, an import, an
indicator, a 工作台 provider and a sidebar entry in its own modules. Installing it (the one
shared list, INSTALLED_APPS) is enough for each of them to work.
"""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from openpyxl import Workbook

from fazhi.core.imports import run_import
from fazhi.core.models import AccessEvent
from fazhi.core.plugins import sidebar_navigation
from fazhi.core.workbench import items_for
from fazhi.core.xlsx import ImportProblems

RECIPE_APP = "fazhi.core.tests.recipe_app"


def _workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "收件日期"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def recipe_app(db, settings):
    from django.conf import settings as django_settings

    with override_settings(INSTALLED_APPS=[*django_settings.INSTALLED_APPS, RECIPE_APP]):
        from fazhi.core.tests.recipe_app.models import Permit, PermitEvent

        with connection.schema_editor() as editor:
            editor.create_model(Permit)
            editor.create_model(PermitEvent)
        yield
    from fazhi.core import plugins, workbench
    from fazhi.indicators import registry

    registry.unregister("recipe_app.approved")
    workbench._providers.pop("recipe_app", None)
    plugins._menu.pop(("行政执法", "示例许可"), None)


def test_a_register_built_from_the_recipe_alone_works(recipe_app, clerk_a, clerk_b):
    from fazhi.core.tests.recipe_app import services
    from fazhi.core.tests.recipe_app.imports import PERMIT_IMPORT
    from fazhi.core.tests.recipe_app.models import Permit, PermitState
    from fazhi.deadlines.selectors import clock_for
    from fazhi.indicators.selectors import indicator_value

    # its import: the one import path, idempotent
    data = _workbook([["许-001", "2024-03-01"], ["许-002", "2024-03-04"]])
    result = run_import(PERMIT_IMPORT, data, actor=clerk_a)
    assert (result.created, result.skipped) == (2, 0)
    with pytest.raises(ValidationError, match="此前均已导入"):
        run_import(PERMIT_IMPORT, data, actor=clerk_a)
    with pytest.raises(ImportProblems, match="第3行“编号”列：与第2行重复"):
        run_import(PERMIT_IMPORT, _workbook([["许-9", "2024-03-01"]] * 2), actor=clerk_a)
    assert Permit.objects.count() == 2

    # its 工作台 item: both permits wait for the clerk of unit A, none for unit B
    todos, warnings = items_for(clerk_a)
    assert sorted(i.title for i in todos + warnings if "示例许可" in i.title) == [
        "示例许可 许-001 待批准",
        "示例许可 许-002 待批准",
    ]
    assert not [i for i in sum(items_for(clerk_b), []) if "示例许可" in i.title]

    # its step: refused naming the article, then taken with its citation and clock
    permit = Permit.objects.get(number="许-002")
    with pytest.raises(ValidationError, match="《行政许可法》第四十二条"):
        services.permit_approve(actor=clerk_a, permit=permit, on=date(2024, 3, 1))
    approved = services.permit_approve(
        actor=clerk_a, permit=permit, on=date(2024, 3, 4), expected_version=1
    )
    assert (approved.state, approved.approved_on, approved.version) == (
        PermitState.APPROVED,
        date(2024, 3, 4),
        2,
    )
    event = approved.events.get()
    assert (event.text, event.citation) == ("2024年03月04日批准", "《行政许可法》第三十八条")
    logged = AccessEvent.objects.filter(kind="step", object_id=str(permit.pk)).get()
    assert logged.detail == {"step": "批准", "rule": "《行政许可法》第三十八条"}
    # 5 working days from Monday 2024-03-04, counted from the next day: Mon 03-11
    assert clock_for(approved, "recipe_app.publication").due_date == date(2024, 3, 11)
    with pytest.raises(ValidationError, match="已于 .* 修改（当前版本 2，您编辑的是版本 1）"):
        services.permit_approve(
            actor=clerk_a, permit=permit, on=date(2024, 3, 5), expected_version=1
        )

    # its indicator: one permit approved by unit A in 2024
    value = indicator_value("recipe_app.approved", division_or_unit=clerk_a.unit, year=2024)
    assert value.value == 1

    # its sidebar entry
    titles = [item["title"] for group in sidebar_navigation() for item in group["items"]]
    assert "示例许可" in titles
