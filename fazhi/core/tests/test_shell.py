"""The staff UI shell: Chinese, offline (no CDN), wired to the 工作台 registry."""

import re
from datetime import date

import pytest

from fazhi.core.workbench import WorkItem, _providers, items_for, workbench_provider

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""")


@pytest.mark.django_db
def test_pages_load_nothing_from_outside(client, clerk_a):
    login_page = client.get("/admin/login/").content.decode()
    client.force_login(clerk_a)
    workbench = client.get("/admin/").content.decode()
    for html in (login_page, workbench):
        assert EXTERNAL.findall(html) == []
    assert "工作台" in workbench and "今日待办" in workbench and 'lang="zh-hans"' in workbench


@pytest.mark.django_db
def test_workbench_shows_items_from_registered_providers(client, clerk_a, clerk_b):
    @workbench_provider("test-provider")
    def provide(user):
        if user.unit_id == clerk_a.unit_id:
            yield WorkItem(
                title="复议案件受理审查即将到期", level="due_soon", due_date=date(2025, 2, 5)
            )
            yield WorkItem(
                title="统计报表逾期未报", level="overdue", kind="warning", unit_name="某单位"
            )

    try:
        todos, warnings = items_for(clerk_a)
        assert [t.title for t in todos] == ["复议案件受理审查即将到期"]
        assert items_for(clerk_b) == ([], [])
        client.force_login(clerk_a)
        html = client.get("/admin/").content.decode()
        assert (
            "复议案件受理审查即将到期" in html
            and "2025-02-05" in html
            and "统计报表逾期未报" in html
        )
        assert warnings[0].level_label == "已逾期"
    finally:
        _providers.pop("test-provider")
