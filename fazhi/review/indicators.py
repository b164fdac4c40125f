"""Indicators of the legality review (seed 一(三)): reviews completed in the year by subject."""

from fazhi.indicators.registry import Kind, computed
from fazhi.review.models import ReviewRequest, ReviewState, SubjectType

DOMAIN = "依法决策"


def _reviewed(scope, subject_type):
    """Reviews of `subject_type` whose opinion was issued in the period, by requesting unit."""
    return ReviewRequest.objects.filter(
        unit__in=scope.units,
        subject_type=subject_type,
        state=ReviewState.DECIDED,
        opinion_issued_on__range=(scope.start, scope.end),
    )


@computed(
    code="review.documents",
    name="审查区政府、区政府办公室等发文",
    domain=DOMAIN,
    measure="件",
    kind=Kind.COUNT,
    formula="年度内出具合法性审查意见的区政府及办公室发文件数",
    approximate=1,
)
def documents(scope):
    return _reviewed(scope, SubjectType.GOVERNMENT_DOCUMENT)


@computed(
    code="review.minutes",
    name="审查会议纪要",
    domain=DOMAIN,
    measure="件",
    formula="年度内出具合法性审查意见的会议纪要件数",
)
def minutes(scope):
    return _reviewed(scope, SubjectType.MINUTES)


@computed(
    code="review.contracts",
    name="审查政府合同",
    domain=DOMAIN,
    measure="件",
    formula="年度内出具合法性审查意见的政府合同件数",
)
def contracts(scope):
    return _reviewed(scope, SubjectType.CONTRACT)


@computed(
    code="review.department_documents",
    name="审查部门法律文件",
    domain=DOMAIN,
    measure="件",
    formula="年度内出具合法性审查意见的部门法律文件件数",
    approximate=1,
)
def department_documents(scope):
    return _reviewed(scope, SubjectType.DEPARTMENT_DOCUMENT)


@computed(
    code="review.major_decisions",
    name="审查重大行政决策",
    domain=DOMAIN,
    measure="件",
    formula="年度内出具合法性审查意见的重大行政决策件数",
)
def major_decisions(scope):
    return _reviewed(scope, SubjectType.MAJOR_DECISION)
