"""The rows and columns of the national template's table (三) (requests by applicant type and
outcome), shared by the indicators and the annual report."""

from fazhi.disclosure.models import ApplicantType, ReplyType

APPLICANT_COLUMNS = [*ApplicantType.values, "total"]
REQUEST_ROWS = ["new", "carried_in", *ReplyType.values, "replied", "carried_out"]
ROW_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    **{value: str(label) for value, label in ReplyType.choices},
    "replied": "（七）总计",
    "carried_out": "四、结转下年度继续办理",
}


def request_code(row: str, column: str) -> str:
    return f"disclosure.requests.{row}.{column}"
