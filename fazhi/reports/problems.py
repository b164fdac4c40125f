"""Section 二 (problems), proposed from the compliance findings and phrased as in the seed.

Each compliance check that found something becomes one proposed problem: a sentence in the
seed's words naming how many units are concerned, with the units listed in an annex. Problems are
grouped under the seed's headings (一是…不够重视; 二是…第一责任人职责; 三是依法行政能力…;
四是执法力量…). The office accepts, edits or drops each one; a decided problem keeps its decision
when the proposals are refreshed.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.models import UnitKind
from fazhi.indicators import registry


@dataclass(frozen=True)
class ProblemGroup:
    key: str
    heading: str
    prefixes: tuple[str, ...]
    domains: tuple[str, ...] = ()
    plan_title: str = ""
    plan_text: str = ""


GROUPS: tuple[ProblemGroup, ...] = (
    ProblemGroup(
        "study",
        "对学习贯彻习近平法治思想不够重视",
        ("study.",),
        ("学法用法",),
        "全面推进依法治区，加强宣传，增强领导干部的法治意识",
        "定期组织领导干部参加习近平法治思想专题培训，督促各单位对照应知应会党内法规和法律法规规章清单"
        "制定学法计划，要求领导干部在作出重大行政决策前开展专题学法并形成书面记录。",
    ),
    ProblemGroup(
        "duty",
        "部分单位对党政负责人履行法治建设第一责任人职责主动性有待提高",
        ("reports.",),
        ("年度报告",),
        "增强党政负责人履行法治建设第一责任人职责主动性",
        "明确责任清单，要求各部门严格按照规定，及时向本级党委和政府、上一级政府有关部门报告上一年度"
        "法治政府建设情况，并通过本级政府网站或者部门网站向社会公开，接受社会监督。",
    ),
    ProblemGroup(
        "lawful",
        "依法行政能力有待提升",
        ("decisions.", "advisors.", "review.", "normdocs.", "meetings."),
        ("依法决策", "重大行政决策", "法律顾问", "合法性审查", "规范性文件"),
        "提升依法行政能力，促进政府行政运行和职权行使更加公开透明",
        "各单位根据职责制定重大行政决策事项目录并通过本级政府网站公开；政府各部门均应设立法律顾问，"
        "作出重大行政决策前必须听取法律顾问意见并形成书面记录；规范性文件按期报备、按期清理。",
    ),
    ProblemGroup(
        "enforcement",
        "执法力量有待增强",
        ("enforcement.",),
        ("行政执法",),
        "完善执法人员队伍梯队建设，提升行政执法水平",
        "根据执法需求充实执法队伍，加强对执法资格考试的组织和宣传，提高考试通过率，"
        "建立健全行政执法协作机制。",
    ),
    ProblemGroup(
        "disputes",
        "行政争议实质性化解能力有待提升",
        ("reconsideration.", "litigation."),
        ("复议应诉",),
        "提升行政争议实质性化解水平",
        "发挥行政复议化解行政争议主渠道作用，落实行政机关负责人出庭应诉制度，加强败诉案件分析通报。",
    ),
    ProblemGroup(
        "other",
        "其他方面工作仍有薄弱环节",
        (),
        (),
        "逐项整改其他问题",
        "对核查发现的其他问题建立整改台账，明确责任单位和完成时限。",
    ),
)
GROUPS_BY_KEY = {g.key: g for g in GROUPS}

# Seed wording for the checks the registers and this app register (docs/annual-report.md).
# Matched on words in the check code; `{who}` is 个别部门 / 部分单位 …, `{n}` the count.
PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("catalog", "unpublished"),
        "{who}制定的重大行政决策事项目录未通过本级政府网站进行公开，不利于行政相对人了解情况",
    ),
    (
        ("catalog",),
        "{who}未制定重大行政决策事项目录，也未通过本级政府网站进行公开，对于重大行政决策事项的"
        "决策主体、事项范围、决定程序、法律责任没有进行明确，不利于行政相对人了解情况",
    ),
    (
        ("advisor", "opinion"),
        "{who}在作出重大行政决策前未听取法律顾问意见，可能存在法律风险，进而引发政府公信力下降等问题",
    ),
    (("without_advisor",), "{who}未设置法律顾问，重大行政决策缺少法律把关"),
    (("no_advisor",), "{who}未设置法律顾问，重大行政决策缺少法律把关"),
    (
        ("department_report", "unpublished"),
        "{who}未及时通过本级政府网站或者部门网站向社会公开上一年度法治政府建设情况报告",
    ),
    (
        ("department_report",),
        "{who}未及时向本级党委和政府、上一级政府有关部门报告上一年度法治政府建设情况",
    ),
    (("filing",), "{who}制定的行政规范性文件未在规定期限内报送备案"),
    (("expired",), "{who}的行政规范性文件超过有效期仍标注为有效"),
    (("cleanup",), "未按规定在偶数年第三季度开展行政规范性文件清理"),
    (("officers",), "{who}行政执法人员数量偏少"),
    (("pass_rate",), "{who}对执法资格考试不够重视，考试通过率有待提升"),
    (("exam",), "{who}对执法资格考试不够重视，考试通过率有待提升"),
)


def group_for(check_code: str, domain: str = "") -> ProblemGroup:
    for group in GROUPS:
        if group.prefixes and check_code.startswith(group.prefixes):
            return group
    for group in GROUPS:
        if domain and any(d in domain for d in group.domains):
            return group
    return GROUPS_BY_KEY["other"]


def _who(units: list, count: int) -> str:
    noun = "部门" if units and all(u.kind == UnitKind.DEPARTMENT for u in units) else "单位"
    return f"个别{noun}" if count <= 2 else f"部分{noun}"


def _noun(units: list) -> str:
    return "部门" if units and all(u.kind == UnitKind.DEPARTMENT for u in units) else "单位"


def phrase_for(check_code: str, check_name: str, units: list, count: int) -> tuple[str, bool]:
    """The seed's sentence for a check, naming the count; a generic sentence for other checks.

    Returns the sentence and whether it speaks of several units (then they go in an annex).
    """
    who = _who(units, count)
    template = next((text for words, text in PHRASES if all(w in check_code for w in words)), None)
    if template is None:
        name = check_name.strip("。")
        template = ("{who}存在“" + name + "”的问题") if units else name
    text = template.replace("{who}", who).replace("{n}", str(count))
    lists_units = bool(units) and "{who}" in template
    if lists_units:
        text += f"，经平台核查共{count}个{_noun(units)}"
    elif not units and count > 1:
        text += f"，经平台核查共{count}处"
    return text, lists_units


def annex_title(check_name: str) -> str:
    name = check_name.strip("。")
    return f"{name}名单" if name.endswith(("单位", "部门")) else f"{name}的单位名单"


@dataclass
class Proposal:
    group: str
    check_code: str
    text: str
    units: list
    count: int
    annex_title: str
    detail: list


def proposals(findings: list) -> list[Proposal]:
    """One proposal per compliance check with findings, in the groups' order."""
    checks = registry.checks()
    by_check: dict[str, list] = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding)
    result = []
    for code, items in by_check.items():
        spec = checks.get(code)
        name = spec.name if spec else code
        group = group_for(code, spec.domain if spec else "")
        units = []
        for finding in items:
            if finding.unit is not None and finding.unit not in units:
                units.append(finding.unit)
        units.sort(key=lambda u: u.name)
        count = len(units) or len(items)
        text, lists_units = phrase_for(code, name, units, count)
        result.append(
            Proposal(
                group=group.key,
                check_code=code,
                text=text,
                units=units if lists_units else [],
                count=count,
                annex_title=annex_title(name) if lists_units else "",
                detail=[
                    {
                        "unit": str(f.unit or ""),
                        "message": f.message,
                        "figures": {k: str(v) for k, v in (f.figures or {}).items()},
                        "citation": spec.citation if spec else "",
                    }
                    for f in items
                ],
            )
        )
    order = {g.key: i for i, g in enumerate(GROUPS)}
    result.sort(key=lambda p: (order[p.group], p.check_code))
    return result


def is_compliance(finding) -> bool:
    """Compliance findings (problems) versus consistency findings (figure warnings)."""
    return finding.check in registry.checks()
