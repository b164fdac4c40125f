"""Indicators of community corrections (seed 一(五)): they take over the backbone's returned
`corrections.*` placeholders, plus subjects received by category, and the compliance checks
of report-in (第二十一条) and the deciding organs' notices (第二十条)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from fazhi.corrections import deadlines as rules
from fazhi.corrections.models import SentenceKind, Subject
from fazhi.corrections.selectors import enrolments, reviewed_files
from fazhi.deadlines.models import Clock, ClockState
from fazhi.indicators.registry import Finding, compliance_check, computed

DOMAIN = "公共法律服务"


@computed(
    code="corrections.training_participants",
    name="社区矫正对象创业培训参加",
    domain=DOMAIN,
    measure="名",
    formula="年度内开班的创业技能培训班的学员人数",
)
def training_participants(scope):
    return enrolments(scope.units, scope.start, scope.end).filter(training__kind="entrepreneurship")


@computed(
    code="corrections.training_graduates",
    name="社区矫正对象创业培训结业",
    domain=DOMAIN,
    measure="名",
    formula="年度内开班的创业技能培训班中已结业的学员人数",
)
def training_graduates(scope):
    return training_participants(scope).filter(graduated=True)


@computed(
    code="corrections.cases_reviewed",
    name="社区矫正案件交叉评查迎查",
    domain=DOMAIN,
    measure="件",
    formula="年度内交叉评查中接受评查的案卷数",
)
def cases_reviewed(scope):
    return reviewed_files(scope.units, scope.start, scope.end)


@computed(
    code="corrections.cases_failed",
    name="社区矫正案件交叉评查不合格",
    domain=DOMAIN,
    measure="件",
    formula="年度内交叉评查结论为不合格的案卷数",
)
def cases_failed(scope):
    return reviewed_files(scope.units, scope.start, scope.end).filter(passed=False)


@computed(
    code="corrections.subjects_received",
    name="新接收社区矫正对象",
    domain=DOMAIN,
    measure="名",
    formula="判决、裁定或决定在年度内生效的社区矫正对象人数",
)
def subjects_received(scope):
    return Subject.objects.filter(
        unit__in=scope.units, effective_on__range=(scope.start, scope.end)
    )


def _by_kind(value: str, label: str):
    @computed(
        code=f"corrections.subjects_received_{value}",
        name=f"新接收社区矫正对象（{label}）",
        domain=DOMAIN,
        measure="名",
        formula=f"判决、裁定或决定在年度内生效的{label}社区矫正对象人数",
    )
    def by_kind(scope):
        return subjects_received(scope).filter(sentence_kind=value)

    return by_kind


for _value, _label in SentenceKind.choices:
    _by_kind(_value, _label)


def _by_unit(records, text: str) -> list[Finding]:
    grouped: dict = {}
    for record in records:
        grouped.setdefault(record.unit, []).append(record)
    return [
        Finding(unit=unit, message=f"{unit.name}{text.format(n=len(items))}", records=items)
        for unit, items in grouped.items()
    ]


@compliance_check(
    code="corrections.report_in_late",
    name="社区矫正对象未按期报到",
    domain=DOMAIN,
    citation="《社区矫正法》第二十一条",
)
def report_in_late(scope):
    clocks = yield Clock.objects.filter(
        unit__in=scope.units,
        content_type=ContentType.objects.get_for_model(Subject),
        rule_code=rules.REPORT_IN,
        state=ClockState.MISSED,
        closed_on__range=(scope.start, scope.end),
    ).select_related("unit")
    return _by_unit(clocks, "有{n}名社区矫正对象未在判决、裁定生效之日起十日内报到。")


@compliance_check(
    code="corrections.notice_late",
    name="决定机关未按期通知或送达法律文书",
    domain=DOMAIN,
    citation="《社区矫正法》第二十条",
)
def notice_late(scope):
    late = yield Subject.objects.filter(
        Q(notice_late=True) | Q(documents_late=True),
        unit__in=scope.units,
        effective_on__range=(scope.start, scope.end),
    ).select_related("unit")
    return _by_unit(late, "收到的{n}名社区矫正对象的通知或法律文书超过法定期限。")
