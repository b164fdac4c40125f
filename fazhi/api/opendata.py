"""Open data (no token): per district and year, every indicator value as CSV and JSON, the
valid normative documents, and a catalog describing the datasets."""

from __future__ import annotations

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone
from ninja import Path, Router

from fazhi.api.errors import ApiError
from fazhi.core.models import Division, DivisionLevel
from fazhi.indicators import selectors as indicator_selectors
from fazhi.indicators.registry import Source
from fazhi.normdocs import selectors as normdoc_selectors

router = Router(tags=["开放数据"], auth=None)

INDICATOR_FIELDS = [
    ("code", "指标代码"),
    ("name", "指标名称"),
    ("value", "数值"),
    ("display", "显示值"),
    ("measure", "计量单位"),
    ("formula", "计算公式"),
    ("period", "统计期"),
    ("scope", "统计范围"),
    ("source", "数据来源"),
]
NORMDOC_FIELDS = [
    ("registration_number", "统一登记号"),
    ("title", "文件名称"),
    ("document_number", "发文字号"),
    ("issuer", "制定机关"),
    ("published_on", "公布日期"),
    ("effective_on", "施行日期"),
    ("valid_until", "有效期至"),
]
PUBLISHED_SOURCES = (Source.COMPUTED, Source.RETURNED, Source.DERIVED)


def _district(code: str) -> Division:
    district = Division.objects.filter(code=code[:12], level=DivisionLevel.DISTRICT).first()
    if district is None:
        raise ApiError(404, "没有找到该区县。")
    return district


def _year(year: int) -> int:
    if not 2000 <= year <= timezone.localdate().year:
        raise ApiError(404, "该年度没有开放数据。")
    return year


def indicator_rows(district: Division, year: int) -> list[dict]:
    """Every catalog indicator of the district's subtree with a value (computed from records
    or accepted returns); figures without data are left out."""
    values = indicator_selectors.indicator_values(division_or_unit=district, year=year)
    return [
        {
            "code": v.code,
            "name": v.name,
            "value": str(v.value),
            "display": v.display,
            "measure": v.measure,
            "formula": v.formula,
            "period": f"{year}年",
            "scope": v.scope_label or district.name,
            "source": Source(v.source).label,
        }
        for v in values.values()
        if v.value is not None and v.source in PUBLISHED_SOURCES
    ]


def normdoc_rows(district: Division) -> list[dict]:
    documents = normdoc_selectors.public_documents_of(district)
    return [
        {
            "registration_number": d.registration_number,
            "title": d.title,
            "document_number": d.document_number,
            "issuer": d.unit.name,
            "published_on": d.published_on.isoformat() if d.published_on else "",
            "effective_on": d.effective_on.isoformat() if d.effective_on else "",
            "valid_until": d.valid_until.isoformat() if d.valid_until else "",
        }
        for d in documents
    ]


def _csv(rows: list[dict], fields, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _key, label in fields])
    for row in rows:
        writer.writerow([_safe(row[key]) for key, _label in fields])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe(value) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with an apostrophe."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _json(data, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "CSV 文件（UTF-8，带 BOM，首行为中文表头）",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


def _json_response(description: str, item_properties: dict) -> dict:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "district": {"type": "string", "title": "区县"},
                                "code": {"type": "string", "title": "行政区划代码"},
                                "year": {"type": ["integer", "null"], "title": "年度"},
                                "items": {
                                    "type": "array",
                                    "items": {"type": "object", "properties": item_properties},
                                },
                            },
                            "required": ["district", "code", "items"],
                        }
                    }
                },
            }
        }
    }


def _props(fields) -> dict:
    return {key: {"type": "string", "title": label} for key, label in fields}


CODE = Path(..., min_length=1, max_length=12, pattern=r"^[0-9]{1,12}$", title="行政区划代码")
YEAR = Path(..., ge=2000, le=2100, title="年度")


@router.get(
    "/{code}/{year}/indicators.csv",
    summary="指标数据（CSV）",
    description="某区县某年度全部已有数值的指标：代码、名称、数值、计量单位、计算公式、统计期、统计范围。",
    operation_id="open_indicators_csv",
    openapi_extra=CSV_RESPONSE,
)
def indicators_csv(request, code: str = CODE, year: int = YEAR):
    district, year = _district(code), _year(year)
    return _csv(indicator_rows(district, year), INDICATOR_FIELDS, f"indicators-{code}-{year}.csv")


@router.get(
    "/{code}/{year}/indicators.json",
    summary="指标数据（JSON）",
    description="与 CSV 相同的数据，JSON 格式。",
    operation_id="open_indicators_json",
    openapi_extra=_json_response("指标数据", _props(INDICATOR_FIELDS)),
)
def indicators_json(request, code: str = CODE, year: int = YEAR):
    district, year = _district(code), _year(year)
    return _json(
        {"district": district.name, "code": district.code, "year": year,
         "items": indicator_rows(district, year)},
        f"indicators-{code}-{year}.json",
    )  # fmt: skip


@router.get(
    "/{code}/normdocs.csv",
    summary="现行有效的行政规范性文件目录（CSV）",
    description="该区县各单位制定、今日现行有效并已公布的行政规范性文件。",
    operation_id="open_normdocs_csv",
    openapi_extra=CSV_RESPONSE,
)
def normdocs_csv(request, code: str = CODE):
    district = _district(code)
    return _csv(normdoc_rows(district), NORMDOC_FIELDS, f"normdocs-{code}.csv")


@router.get(
    "/{code}/normdocs.json",
    summary="现行有效的行政规范性文件目录（JSON）",
    description="与 CSV 相同的数据，JSON 格式。",
    operation_id="open_normdocs_json",
    openapi_extra=_json_response("规范性文件目录", _props(NORMDOC_FIELDS)),
)
def normdocs_json(request, code: str = CODE):
    district = _district(code)
    return _json(
        {"district": district.name, "code": district.code, "year": None,
         "items": normdoc_rows(district)},
        f"normdocs-{code}.json",
    )  # fmt: skip


@router.get(
    "/catalog.json",
    summary="开放数据目录",
    description="全部数据集的说明：名称、字段、格式、更新频率和下载地址（每个区县、每个年度）。",
    operation_id="open_catalog",
    openapi_extra={
        "responses": {
            200: {
                "description": "数据集目录",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def catalog(request):
    base = request.build_absolute_uri("/api/open/")
    this_year = timezone.localdate().year
    districts = Division.objects.filter(level=DivisionLevel.DISTRICT).order_by("code")
    datasets = []
    for district in districts:
        for year in range(this_year - 2, this_year + 1):
            datasets.append(
                {
                    "title": f"{district.name}{year}年法治政府建设指标",
                    "description": "各项指标的数值、计量单位和计算公式（由台账记录计算或经审核的统计填报）。",
                    "district": district.name,
                    "code": district.code,
                    "year": year,
                    "fields": [{"name": k, "title": t} for k, t in INDICATOR_FIELDS],
                    "distributions": [
                        {"format": "CSV", "url": f"{base}{district.code}/{year}/indicators.csv"},
                        {"format": "JSON", "url": f"{base}{district.code}/{year}/indicators.json"},
                    ],
                    "update": "每日",
                }
            )
        datasets.append(
            {
                "title": f"{district.name}现行有效行政规范性文件目录",
                "description": "今日现行有效并已公布的行政规范性文件。",
                "district": district.name,
                "code": district.code,
                "year": None,
                "fields": [{"name": k, "title": t} for k, t in NORMDOC_FIELDS],
                "distributions": [
                    {"format": "CSV", "url": f"{base}{district.code}/normdocs.csv"},
                    {"format": "JSON", "url": f"{base}{district.code}/normdocs.json"},
                ],
                "update": "每日",
            }
        )
    return _json(
        {"title": "法治政府建设开放数据目录", "publisher": "法治政府建设综合管理平台",
         "license": "公开数据，可自由使用，注明来源", "datasets": datasets},
        "catalog.json",
    )  # fmt: skip
