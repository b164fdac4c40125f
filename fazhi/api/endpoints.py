"""Building blocks for each register's `api.py`: list + detail read endpoints over a selector,
pagination (limit/offset, at most 500), filters, masked fields and the write helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, ClassVar

from django.db.models import QuerySet
from ninja import Field, Path, Query, Router, Schema
from ninja.orm import create_schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from fazhi.api.auth import TokenAuth
from fazhi.api.errors import ApiError
from fazhi.api.models import Scope


def _text_only(kind: str):
    def check(value):
        if not isinstance(value, str | date):
            raise PydanticCustomError(kind, "须为文本")
        return value

    return check


# Dates and times as ISO text only: pydantic's lax mode would read 0 as 1970-01-01.
IsoDate = Annotated[date, BeforeValidator(_text_only("date_type"))]
IsoDateTime = Annotated[datetime, BeforeValidator(_text_only("datetime_type"))]

MAX_LIMIT = 500
MAX_ID = 2**63 - 1


def mask_name(value: str | None) -> str:
    """张三丰 → 张**: the surname only."""
    value = (value or "").strip()
    return value[:1] + "*" * max(len(value) - 1, 1) if value else ""


def mask_phone(value: str | None) -> str:
    value = (value or "").strip()
    return value[:3] + "****" + value[-4:] if len(value) >= 7 else ("*" * len(value))


def model_schema(model, fields: list[str], *, name: str, masked: dict[str, Callable] | None = None):
    """A response schema of `fields` (titles from the verbose names), plus `masked` fields
    rendered by their masking function (the raw value never leaves the server)."""
    masked = masked or {}
    base = create_schema(model, name=f"{name}Base", fields=["id", *fields])
    namespace: dict = {
        "__annotations__": {"django_model": ClassVar[type]},
        "__module__": __name__,
        "django_model": model,
    }
    for field_name, masker in masked.items():
        title = str(model._meta.get_field(field_name).verbose_name) + "（已脱敏）"
        namespace["__annotations__"][field_name] = str
        namespace[field_name] = Field("", title=title)
        namespace[f"resolve_{field_name}"] = staticmethod(
            lambda obj, f=field_name, m=masker: m(getattr(obj, f, ""))
        )
    return type(name, (base,), namespace)


def page_of(schema, name: str):
    return type(
        f"{name}Page",
        (Schema,),
        {
            "__annotations__": {"count": int, "items": list[schema]},
            "count": Field(..., title="总条数"),
            "items": Field(..., title="本页记录"),
            "__module__": __name__,
        },
    )


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, title="每页条数", description="1～500，默认 50")
    offset: int = Field(0, ge=0, le=10_000_000, title="起始位置", description="从 0 开始")
    unit_id: int | None = Field(None, ge=1, le=MAX_ID, title="所属单位ID", description="只看该单位")
    year: int | None = Field(
        None, ge=1949, le=2100, title="年度", description="按登记日期所在年度筛选"
    )


def refuse_unknown_parameters(request, *schemas) -> None:
    """A query parameter no endpoint reads is a 422, not silently ignored (a misspelt filter
    would otherwise return every row)."""
    known = {name for schema in schemas for name in schema.model_fields}
    unknown = [name for name in request.GET if name not in known]
    if unknown:
        raise ApiError(
            422,
            "不支持的查询参数：" + "、".join(f"“{n}”" for n in unknown[:5]),
            [{"field": n[:100], "message": "不支持的查询参数。"} for n in unknown[:20]],
        )


def paginate(queryset: QuerySet, paging: Paging, *, date_field: str | None) -> dict:
    if paging.unit_id is not None:
        queryset = queryset.filter(unit_id=paging.unit_id)
    if paging.year is not None and date_field:
        queryset = queryset.filter(
            **{
                f"{date_field}__gte": date(paging.year, 1, 1),
                f"{date_field}__lte": date(paging.year, 12, 31),
            }
        )
    queryset = queryset.order_by("pk")
    return {
        "count": queryset.count(),
        "items": list(queryset[paging.offset : paging.offset + paging.limit]),
    }


def read_endpoints(
    router: Router,
    path: str,
    *,
    app: str,
    title: str,
    schema,
    queryset: Callable,
    date_field: str | None = None,
    description: str = "",
) -> None:
    """`GET /<path>` (paginated list) and `GET /<path>/{id}` (one record) over `queryset(user)`,
    a register's selector: the token's unit sees exactly what its clerk sees; another unit's
    record is a 404."""
    page = page_of(schema, schema.__name__)
    note = description or f"按接口令牌所属单位的权限范围返回{title}，与后台所见一致。"
    year_note = "" if date_field else "（本台账不按年度筛选，year 参数被忽略）"

    def list_view(request, paging: Query[Paging]):
        refuse_unknown_parameters(request, Paging)
        return paginate(queryset(request.auth.account), paging, date_field=date_field)

    def detail_view(request, id: int = Path(..., ge=1, le=MAX_ID, title="记录ID")):  # noqa: A002
        found = queryset(request.auth.account).filter(pk=id).first()
        if found is None:
            raise ApiError(404)
        return found

    router.scoped_models = {
        **getattr(router, "scoped_models", {}),
        f"{path}/{{id}}": schema.django_model,
    }
    list_view.__name__ = f"{app}_{path}_list".replace("-", "_")
    detail_view.__name__ = f"{app}_{path}_detail".replace("-", "_")
    router.get(
        f"/{path}",
        response=page,
        auth=TokenAuth(Scope.READ),
        summary=f"{title}列表",
        description=note + year_note,
        operation_id=list_view.__name__,
    )(list_view)
    router.get(
        f"/{path}/{{id}}",
        response=schema,
        auth=TokenAuth(Scope.READ),
        summary=f"{title}详情",
        description="另一单位的记录返回 404（不透露其是否存在）。",
        operation_id=detail_view.__name__,
    )(detail_view)
