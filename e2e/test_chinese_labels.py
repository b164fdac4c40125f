"""Every page of each persona's menu is in Chinese: no English label, no internal code.

Each persona signs in through the real login form (with its authenticator where the role needs
one), opens every page of its sidebar with the filter panel open, the first record's form and
the add form of each register, and fails on any visible text that is English (ASCII letters
only, outside a short allow-list) or that shows an internal code (e2e/labels.py). Records of
every register exist in the persona's unit, so lists, filters and forms have something to show.
Screenshots of every page go to test-results/<test>/.
"""

import re

import pghistory.models
import pytest

from e2e.conftest import e2e_login
from e2e.labels import label_problems, walk_menu
from fazhi.core.access import unit_owned_models
from fazhi.core.models import User
from fazhi.core.testing.factories import TEST_PASSWORD
from fazhi.core.testing.isolation import factory_for

pytestmark = pytest.mark.django_db(transaction=True)

PERSONAS = ["clerk_a", "head_a", "office_staff", "recon_officer", "auditor"]


def _records_for(*units):
    for model in unit_owned_models():
        if issubclass(model, pghistory.models.Event):
            continue
        make = factory_for(model)
        for unit in units:
            make(unit)


def _screenshots(folder):
    def shoot(page):
        name = re.sub(r"[^0-9a-z]+", "_", page.url.split("//", 1)[-1].split("/", 1)[-1])
        page.screenshot(path=str(folder / f"{name.strip('_') or 'index'}.png"))

    return shoot


def test_the_checker_flags_english_and_codes():
    """The walk's own rule, on texts typed here."""
    found = label_problems(
        [
            "Filters",
            "筛选",
            "litigation.appeal_judgment",
            "（reconsideration.corrected）",
            "审查意见（L4）",
            "{{review.contracts}}",
            "preamble",
            "导出 Excel",
            "PDF",
            "2024-10-16",
            "clerk_a",
            "申请书.docx",
        ],
        data_values=["clerk_a"],
    )
    assert found == [
        "英文：'Filters'",
        "内部代码：'litigation.appeal_judgment'",
        "内部代码：'（reconsideration.corrected）'",
        "规则代码：'审查意见（L4）'",
        "内部代码：'{{review.contracts}}'",
        "内部键名：'preamble'",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_of_the_menu_is_in_chinese(
    persona, request, page, unit_a, justice_bureau, office_staff, output_dir
):
    user = request.getfixturevalue(persona)
    _records_for(unit_a, justice_bureau)
    e2e_login(page, user, TEST_PASSWORD)
    usernames = list(User.objects.values_list("username", flat=True))
    walk = walk_menu(page, data_values=usernames, screenshot=_screenshots(output_dir))
    assert walk.pages, "菜单为空"
    assert not walk.problems, f"{user.username} 看到英文或内部代码：\n{walk.report()}"
