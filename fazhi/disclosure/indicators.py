"""Indicators of government information disclosure: the seed's 一(二) figures (portal items,
interpretations, letters answered) and every number of the national template's tables of the
政府信息公开工作年度报告 (requests by applicant type and outcome, carried over, fees), so that
the annual report reads each number from an indicator (documents.py)."""

from fazhi.disclosure.models import (
    ApplicantType,
    Category,
    DisclosureRequest,
    Interpretation,
    Letter,
    ProactiveItem,
    ReplyType,
)
from fazhi.disclosure.tables import APPLICANT_COLUMNS, REQUEST_ROWS, ROW_LABELS, request_code
from fazhi.indicators.registry import Kind, Summed, computed, relation

DOMAIN = "政务公开"


@computed(
    code="disclosure.items_published",
    name="门户网站更新信息",
    domain=DOMAIN,
    measure="条",
    formula="公开日期在年度内的主动公开信息条数（自门户网站发布系统导入或登记）",
)
def items_published(scope):
    return ProactiveItem.objects.filter(
        unit__in=scope.units, published_on__range=(scope.start, scope.end)
    )


@computed(
    code="disclosure.interpretations",
    name="政策解读类信息",
    domain=DOMAIN,
    measure="篇",
    formula="发布日期在年度内的政策解读篇数（文字、图解、音视频、媒体解读）",
)
def interpretations(scope):
    return Interpretation.objects.filter(
        unit__in=scope.units, published_on__range=(scope.start, scope.end)
    )


@computed(
    code="disclosure.letters_answered",
    name="回复处理群众来信",
    domain=DOMAIN,
    measure="封",
    formula="回复日期在年度内的群众来信数（门户网站信箱、12345转办）",
)
def letters_answered(scope):
    return Letter.objects.filter(unit__in=scope.units, replied_on__range=(scope.start, scope.end))


@computed(
    code="disclosure.items_late",
    name="逾期主动公开的信息",
    domain=DOMAIN,
    measure="条",
    formula="公开日期在年度内、晚于信息形成之日起20个工作日公开的信息条数（《政府信息公开条例》第二十六条）",
)
def items_late(scope):
    return items_published(scope).filter(on_time=False)


def _register_category(value: str, label: str) -> None:
    @computed(code=f"disclosure.proactive.{value}", name=f"主动公开：{label}", domain=DOMAIN,
              measure="条", formula=f"公开日期在年度内、类别为“{label}”的主动公开信息条数")  # fmt: skip
    def by_category(scope):
        return items_published(scope).filter(category=value)


for _value, _label in Category.choices:
    _register_category(_value, str(_label))

# --- 依申请公开: table (三) of the national template -----------------------------------------


def _requests(scope, column):
    queryset = DisclosureRequest.objects.filter(unit__in=scope.units)
    return queryset if column == "total" else queryset.filter(applicant_type=column)


def _row_queryset(scope, row, column):
    requests = _requests(scope, column)
    if row == "new":
        return requests.filter(received_on__range=(scope.start, scope.end))
    if row == "carried_in":
        return requests.filter(received_on__lt=scope.start).exclude(replied_on__lt=scope.start)
    if row == "carried_out":
        return requests.filter(received_on__lte=scope.end).exclude(replied_on__lte=scope.end)
    replied = requests.filter(replied_on__range=(scope.start, scope.end))
    return replied if row == "replied" else replied.filter(reply_type=row)


def _register_cell(row: str, column: str) -> None:
    label = "总计" if column == "total" else ApplicantType(column).label

    @computed(code=request_code(row, column), name=f"依申请公开{ROW_LABELS[row]}（{label}）",
              domain=DOMAIN, measure="件",
              formula=f"政府信息公开工作年度报告表三：{ROW_LABELS[row]}，申请人为{label}")  # fmt: skip
    def cell(scope):
        return _row_queryset(scope, row, column)


for _row in REQUEST_ROWS:
    for _column in APPLICANT_COLUMNS:
        _register_cell(_row, _column)
    relation(
        code=f"disclosure.requests.{_row}.columns_sum",
        name=f"{ROW_LABELS[_row]}：各类申请人之和 = 总计",
        left=[request_code(_row, c) for c in ApplicantType.values],
        op="==",
        right=[request_code(_row, "total")],
    )

relation(
    code="disclosure.requests.outcomes_sum",
    name="本年度办理结果各项之和 = 总计",
    left=[request_code(r, "total") for r in ReplyType.values],
    op="==",
    right=[request_code("replied", "total")],
)


@computed(
    code="disclosure.fees_charged",
    name="收取信息处理费的申请",
    domain=DOMAIN,
    measure="件",
    formula="答复日期在年度内、收取信息处理费的依申请公开件数",
)
def fees_charged(scope):
    return _row_queryset(scope, "replied", "total").filter(fee__gt=0)


@computed(
    code="disclosure.fees_amount",
    name="信息处理费金额",
    domain=DOMAIN,
    measure="元",
    kind=Kind.SUM,
    formula="答复日期在年度内的依申请公开收取的信息处理费之和（元）",
)
def fees_amount(scope):
    return Summed(_row_queryset(scope, "replied", "total"), "fee")
