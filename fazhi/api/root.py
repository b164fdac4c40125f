"""The NinjaAPI at /api/: routers found in every installed app's `api.py`, the one error
shape documented on every operation, and every token call audited."""

from __future__ import annotations

import functools
import importlib

from ninja import NinjaAPI

from fazhi.api.errors import CODES, ERROR_STATUSES, Error, install
from fazhi.api.opendata import router as open_router
from fazhi.api.shared import router as shared_router
from fazhi.core.audit import record_access_event
from fazhi.core.plugins import discover

API_CALL = "api_call"  # access-event kind of an API call (see docs/api.md)

DESCRIPTION = """法治政府建设综合管理平台对外数据接口。

- 认证：`Authorization: Bearer <接口令牌>`。令牌由系统管理员在后台“接口令牌”中为调用系统创建，
  绑定一个单位，仅在创建时显示一次；权限范围：`read`、`write:services`、`write:letters`、
  `write:reconsideration`（仅限行政复议机构即司法局的令牌）。
- 数据范围：令牌代表其所属单位，所见与该单位填报员在后台所见一致；其他单位的记录返回 404。
- 分页：`limit`（1～500，默认 50）与 `offset`；返回 `{"count": 总数, "items": [...]}`。
- 错误：一律为 `{"code": "...", "message": "中文说明", "details": [{"field": "...", "message": "..."}]}`。
- 频率限制：每个令牌每分钟默认 600 次，超出返回 429。
- 每次调用记入访问审计日志。开放数据（/api/open/）无需令牌。
"""


class FazhiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})
        schema["components"]["schemas"].setdefault("Error", Error.model_json_schema())
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                secured = bool(operation.get("security"))
                for status in ERROR_STATUSES:
                    if status in (401, 403, 429) and not secured:
                        continue
                    if status in responses or str(status) in responses:
                        continue
                    responses.setdefault(
                        status,
                        {
                            "description": CODES[status][1],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


# "enforcement/cases/{id}" → the model a detail route reads (the isolation walk's declaration)
SCOPED_MODELS: dict[str, type] = {}


def _mount(api: FazhiAPI, prefix: str, router) -> None:
    api.add_router(prefix, router)
    for path, model in getattr(router, "scoped_models", {}).items():
        SCOPED_MODELS[f"{prefix.strip('/')}/{path}".strip("/")] = model


def build_api() -> FazhiAPI:
    api = FazhiAPI(
        title="法治政府建设综合管理平台数据接口",
        version="1.0",
        description=DESCRIPTION,
        urls_namespace="api",
        docs_url=None,
        openapi_extra={"info": {"x-language": "zh-CN"}},
    )
    install(api)

    _mount(api, "/open/", open_router)
    _mount(api, "/", shared_router)
    for name in sorted(discover("api")):
        module = importlib.import_module(name)
        router = getattr(module, "router", None)
        if router is not None:
            _mount(api, f"/{name.split('.')[1]}/", router)
    return api


def audited(view):
    """Record every call that presented (or needed) a token in the access-event log."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if getattr(request, "api_token_attempted", False):
            token = getattr(request, "api_token", None)
            account = token.account if token is not None else None
            record_access_event(
                request,
                API_CALL,
                user=account,
                username=token.name if token is not None else "",
                success=response.status_code < 400,
                detail={
                    "method": request.method,
                    "path": request.path[:300],
                    "query": request.META.get("QUERY_STRING", "")[:300],
                    "status": response.status_code,
                    "token": token.pk if token is not None else None,
                    "system": token.name if token is not None else "",
                },
            )
        return response

    return wrapper
