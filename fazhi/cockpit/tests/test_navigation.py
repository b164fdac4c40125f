"""Role-shaped navigation: each persona's sidebar lists the menus of its work, and only those."""

import re

import pytest

from fazhi.core.models import Role, UnitKind
from fazhi.core.testing.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

# The groups whose entries this test pins down (registers added later declare their own).
PINNED_GROUPS = ("今日待办", "依法决策", "复议应诉", "系统管理")

CHAIN = [
    "合法性审查",
    "法律顾问意见",
    "行政规范性文件",
    "规范性文件清理",
    "重大行政决策",
    "决策事项目录",
    "法律顾问",
    "法律顾问合同",
    "法律顾问服务记录",
]
MEETINGS = ["政府常务会议", "会议议题", "会议纪要"]


def sidebar(client) -> dict[str, list[str]]:
    """The rendered sidebar of /admin/: group title → entry titles (a group whose entries the
    user may not open is hidden by the page's CSS, so it is left out here too)."""
    html = client.get("/admin/").content.decode()
    nav = html[html.index('id="nav-sidebar-apps"') :]
    nav = nav[: nav.index("</nav>")] if "</nav>" in nav else nav
    groups: dict[str, list[str]] = {}
    current = ""
    for match in re.finditer(r"<h2[^>]*>\s*([^<]+?)\s*<|<a [^>]*>(.*?)</a>", nav, re.S):
        if match.group(1):
            current = match.group(1)
            groups[current] = []
        elif current:
            spans = re.findall(r"<span>\s*([^<]+?)\s*</span>", match.group(2))
            if spans:
                groups[current].append(spans[-1])
    return {title: entries for title, entries in groups.items() if entries}


def pinned(groups: dict[str, list[str]]) -> list[str]:
    return [title for group in PINNED_GROUPS for title in groups.get(group, [])]


def test_a_department_clerk_sees_its_registers_and_no_reconsideration_or_meetings(
    verified_client, clerk_a
):
    groups = sidebar(verified_client(clerk_a))
    assert pinned(groups) == ["工作台", "法定期限", *CHAIN]
    assert "复议应诉" not in groups
    assert "统计填报" in groups["统计与报告"]


def test_a_unit_head_also_sees_the_cases_its_unit_answers(verified_client, head_a):
    assert pinned(sidebar(verified_client(head_a))) == [
        "工作台",
        "法定期限",
        *CHAIN,
        "行政复议案件",
        "行政诉讼案件",
    ]


def test_the_government_office_clerk_sees_the_executive_meetings(verified_client, district):
    government = UnitFactory(name="蒸湘区人民政府", division=district, kind=UnitKind.GOVERNMENT)
    clerk = UserFactory(unit=government, roles=[Role.CLERK])
    entries = pinned(sidebar(verified_client(clerk)))
    assert entries[:5] == ["工作台", "法定期限", *MEETINGS]


def test_the_office_sees_the_cockpit_and_every_register(verified_client, office_staff):
    groups = sidebar(verified_client(office_staff))
    assert pinned(groups) == [
        "工作台",
        "督察看板",
        "法定期限",
        *MEETINGS,
        "合法性审查",
        "法律顾问意见",
        "辅助审查规则",
        "已废止法律法规清单",
        "辅助审查统计",
        "行政规范性文件",
        "规范性文件清理",
        "附带审查",
        "重大行政决策",
        "决策事项目录",
        "法律顾问",
        "法律顾问合同",
        "法律顾问服务记录",
        "法律顾问覆盖情况",
        "行政复议案件",
        "行政诉讼案件",
        "复议应诉统计",
        "单位",
        "行政区划",
        "放假安排日历",
        "期限规则调整",
    ]
    assert "图表" in groups["统计与报告"]


def test_the_reconsideration_officer_sees_reconsideration_not_the_decision_chain(
    verified_client, recon_officer
):
    assert pinned(sidebar(verified_client(recon_officer))) == [
        "工作台",
        "法定期限",
        "附带审查",
        "行政复议案件",
        "复议意见书跟踪",
        "行政诉讼案件",
        "复议应诉统计",
        "文书模板",
        "台账导入",
        "复议案号格式",
    ]


def test_the_audit_admin_sees_only_the_access_log(verified_client, auditor):
    assert sidebar(verified_client(auditor)) == {
        "今日待办": ["工作台"],
        "系统管理": ["访问审计日志"],
    }
