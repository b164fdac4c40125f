"""One Chinese error shape for every error: `{"code", "message", "details"}`."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from fazhi.core.xlsx import ImportProblems

logger = logging.getLogger("fazhi.api")


class ErrorDetail(Schema):
    field: str = ""
    message: str


class Error(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


CODES = {
    400: ("bad_request", "请求格式不正确。"),
    401: ("unauthorized", "未提供有效的接口令牌。"),
    403: ("forbidden", "该接口令牌无权执行此操作。"),
    404: ("not_found", "没有找到该记录。"),
    405: ("method_not_allowed", "不支持该请求方法。"),
    409: ("conflict", "与已有记录冲突。"),
    422: ("invalid", "提交的数据未通过校验。"),
    429: ("rate_limited", "调用过于频繁，请稍后再试。"),
    500: ("server_error", "服务器内部错误，请联系系统管理员。"),
}
ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429, 500)


class ApiError(Exception):
    """Raised by endpoints and authentication; rendered in the one error shape."""

    def __init__(self, status: int, message: str = "", details=None, code: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message or CODES[status][1]
        self.details = details or []
        self.code = code or CODES[status][0]


PYDANTIC_MESSAGES = {
    "missing": "必填。",
    "int_parsing": "须为整数。",
    "int_type": "须为整数。",
    "int_from_float": "须为整数。",
    "float_parsing": "须为数字。",
    "decimal_parsing": "须为数字。",
    "bool_parsing": "须为 true 或 false。",
    "date_parsing": "须为日期（YYYY-MM-DD）。",
    "date_from_datetime_parsing": "须为日期（YYYY-MM-DD）。",
    "date_type": "须为日期（YYYY-MM-DD）。",
    "datetime_parsing": "须为日期时间（ISO 8601）。",
    "datetime_from_date_parsing": "须为日期时间（ISO 8601）。",
    "datetime_type": "须为日期时间（ISO 8601）。",
    "string_type": "须为文本。",
    "string_too_long": "过长。",
    "string_too_short": "不能为空。",
    "greater_than_equal": "数值过小。",
    "less_than_equal": "数值过大。",
    "greater_than": "数值过小。",
    "less_than": "数值过大。",
    "literal_error": "不是允许的取值。",
    "enum": "不是允许的取值。",
    "list_type": "须为列表。",
    "model_attributes_type": "须为对象。",
    "dict_type": "须为对象。",
    "json_invalid": "不是有效的 JSON。",
    "too_long": "条目过多。",
    "decimal_max_places": "小数位数过多（最多两位）。",
    "decimal_max_digits": "数值位数过多。",
    "too_short": "条目过少。",
}


def _field_of(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "header")]
    return ".".join(parts)


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    message = PYDANTIC_MESSAGES.get(kind, "格式不正确。")
    expected = (error.get("ctx") or {}).get("expected")
    if kind in ("literal_error", "enum") and expected:
        return f"不是允许的取值（可填：{expected}）。"
    return message


def pydantic_details(errors) -> list[dict]:
    return [{"field": _field_of(e.get("loc", ())), "message": _pydantic_message(e)} for e in errors]


def django_details(exc: ValidationError, fields: dict[str, str] | None = None) -> list[dict]:
    """A Django ValidationError as details; `fields` renames model fields to API fields."""
    fields = fields or {}
    if hasattr(exc, "error_dict"):
        return [
            {"field": fields.get(name, name if name != "__all__" else ""), "message": str(m)}
            for name, errors in exc.error_dict.items()
            for error in errors
            for m in error.messages
        ]
    return [{"field": "", "message": m} for m in exc.messages]


def import_details(exc: ImportProblems, headers: dict[str, str]) -> list[dict]:
    """Row errors of the import machinery: the Chinese column header becomes the API field."""
    return [{"field": headers.get(e.column, e.column), "message": e.reason} for e in exc.errors]


def error_body(status: int, message: str = "", details=None, code: str = "") -> dict:
    default_code, default_message = CODES.get(status, ("error", "请求失败。"))
    return {
        "code": code or default_code,
        "message": message or default_message,
        "details": details or [],
    }


def install(api) -> None:
    """Every exception an endpoint or ninja raises becomes the one shape."""

    def render(request, status, message="", details=None, code=""):
        return api.create_response(
            request, error_body(status, message, details, code), status=status
        )

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return render(request, exc.status, exc.message, exc.details, exc.code)

    @api.exception_handler(NinjaValidationError)
    def _invalid(request, exc: NinjaValidationError):
        details = pydantic_details(exc.errors)
        message = "提交的数据未通过校验：" + "；".join(
            f"{d['field'] or '请求'}{d['message']}" for d in details[:5]
        )
        return render(request, 422, message, details)

    @api.exception_handler(ValidationError)
    def _django_invalid(request, exc: ValidationError):
        details = django_details(exc)
        return render(request, 422, "；".join(d["message"] for d in details[:5]), details)

    @api.exception_handler(ImportProblems)
    def _import_invalid(request, exc: ImportProblems):
        details = import_details(exc, {})
        return render(request, 422, str(exc), details)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return render(request, 401)

    @api.exception_handler(AuthorizationError)
    def _forbidden(request, exc):
        return render(request, 403)

    @api.exception_handler(PermissionDenied)
    def _denied(request, exc):
        return render(request, 403, str(exc) or "")

    @api.exception_handler(Throttled)
    def _throttled(request, exc):
        return render(request, 429)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return render(request, 404)

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        status = exc.status_code if exc.status_code in CODES else 400
        return render(request, status)

    @api.exception_handler(Exception)
    def _crash(request, exc):
        logger.exception("API 500", exc_info=exc)
        return render(request, 500)
