"""Writes: a record through the API and the same record through the Excel import give the
same row; posting twice creates one; bad input is a Chinese 422 naming the field."""

import re
from datetime import date

import pytest
from django.db import connection

from fazhi.api.models import Scope
from fazhi.api.tests.conftest import issue
from fazhi.core.imports import run_import
from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.core.xlsx import build_workbook
from fazhi.govservices.bulk import DEFAULT_HEADERS, import_applications, write_csv
from fazhi.govservices.imports import TALLY_IMPORT
from fazhi.govservices.tests.factories import make_item

pytestmark = pytest.mark.django_db


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.fixture
def api(client, unit_a):
    _token, raw = issue(unit_a, scopes=[Scope.READ, Scope.WRITE_SERVICES, Scope.WRITE_LETTERS])
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


# --- hall tallies (the register's ImportSpec) ------------------------------------------------

TALLY_SQL = 'SELECT unit_id, "on", kind, count FROM govservices_halltally WHERE unit_id = %s ORDER BY "on", kind'


def test_tally_through_api_equals_tally_through_import(api, unit_a, unit_b):
    first = post(api, "/api/govservices/tallies",
                 {"items": [{"on": "2024-03-04", "kind": "电话咨询", "count": 17}]})  # fmt: skip
    assert first.status_code == 201, first.content
    assert first.json() == {"created": 1, "skipped": 0}
    again = post(api, "/api/govservices/tallies",
                 {"items": [{"on": "2024-03-04", "kind": "consult_phone", "count": 17}]})  # fmt: skip
    assert again.status_code == 200 and again.json() == {"created": 0, "skipped": 1}

    clerk_b = UserFactory(username="clerk_tally_b", unit=unit_b, roles=[Role.CLERK])
    workbook = build_workbook(["日期", "类别", "数量"], [["2024-03-04", "电话咨询", 17]])
    run_import(TALLY_IMPORT, workbook, actor=clerk_b)

    via_api = rows(TALLY_SQL, [unit_a.pk])
    via_import = rows(TALLY_SQL, [unit_b.pk])
    assert via_api == [(unit_a.pk, date(2024, 3, 4), "consult_phone", 17)]
    assert [r[1:] for r in via_api] == [r[1:] for r in via_import]


def test_tally_bad_kind_is_422_naming_the_field(api, unit_a):
    response = post(api, "/api/govservices/tallies",
                    {"items": [{"on": "2024-03-04", "kind": "闲聊", "count": 1}]})  # fmt: skip
    assert response.status_code == 422
    body = response.json()
    assert body["details"][0]["field"] == "items.0.kind"
    assert "可填" in body["details"][0]["message"] and "电话咨询" in body["details"][0]["message"]
    assert rows(TALLY_SQL, [unit_a.pk]) == []


def test_tally_the_import_rules_apply(api, unit_a):
    """A date the import refuses (too far ahead) is refused the same way, naming the field."""
    response = post(api, "/api/govservices/tallies",
                    {"items": [{"on": "2024-03-04", "kind": "电话咨询", "count": 1},
                               {"on": "2099-03-04", "kind": "电话咨询", "count": 1}]})  # fmt: skip
    assert response.status_code == 422, response.content
    assert response.json()["details"][0]["field"] == "items.1.on"
    assert rows(TALLY_SQL, [unit_a.pk]) == []


def test_tally_bad_date_is_422_in_chinese(api):
    response = post(api, "/api/govservices/tallies",
                    {"items": [{"on": "2024-02-30", "kind": "电话咨询", "count": 1}]})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["details"][0] == {
        "field": "items.0.on",
        "message": "须为日期（YYYY-MM-DD）。",
    }


# --- service applications (the bulk import of the platform's export) -------------------------

APP_SQL = (
    "SELECT a.unit_id, a.number, i.code, a.channel, a.received_at, a.received_on, a.completed_on,"
    " a.result, a.promised_days, a.due_date, a.on_time, a.via_platform"
    " FROM govservices_serviceapplication a JOIN govservices_serviceitem i ON i.id = a.item_id"
    " WHERE a.number = %s"
)


def test_application_through_api_equals_application_through_import(api, unit_a, unit_b):
    make_item(unit_a, code="A001", department=unit_a, promised_days=5)
    make_item(unit_b, code="B001", department=unit_b, promised_days=5)
    body = {"number": "SQ-API-1", "item_code": "A001", "channel": "网上办理",
            "received": "2024-03-04T09:30:00", "completed": "2024-03-08T16:00:00",
            "result": "办结（准予）"}  # fmt: skip
    first = post(api, "/api/govservices/applications", body)
    assert first.status_code == 201, first.content
    assert first.json()["created"] is True
    again = post(api, "/api/govservices/applications", body)
    assert again.status_code == 200 and again.json()["created"] is False
    assert rows("SELECT count(*) FROM govservices_serviceapplication WHERE number = %s",
                ["SQ-API-1"]) == [(1,)]  # fmt: skip

    clerk_b = UserFactory(username="clerk_apps_b", unit=unit_b, roles=[Role.CLERK])
    headers = [DEFAULT_HEADERS[k] for k in ("number", "item_code", "channel", "received",
                                             "completed", "result")]  # fmt: skip
    data = write_csv([["SQ-IMP-1", "B001", "网上办理", "2024-03-04 09:30:00",
                       "2024-03-08 16:00:00", "办结（准予）"]], headers)  # fmt: skip
    import_applications(data, actor=clerk_b)

    (via_api,) = rows(APP_SQL, ["SQ-API-1"])
    (via_import,) = rows(APP_SQL, ["SQ-IMP-1"])
    assert via_api[0] == unit_a.pk and via_import[0] == unit_b.pk
    assert via_api[3:] == via_import[3:]
    # Mon 2024-03-04 + 5 working days = Mon 2024-03-11, completed Fri 3/8: on time
    assert via_api[9:11] == (date(2024, 3, 11), True)


def test_application_unknown_item_is_422_naming_the_field(api, unit_a):
    body = {"number": "SQ-X", "item_code": "NOPE", "channel": "网上办理",
            "received": "2024-03-04T09:30:00", "result": "办理中"}  # fmt: skip
    response = post(api, "/api/govservices/applications", body)
    assert response.status_code == 422, response.content
    assert response.json()["details"][0]["field"] == "item_code"


def test_application_missing_field_is_422(api):
    response = post(api, "/api/govservices/applications", {"number": "SQ-Y"})
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["details"]}
    assert {"item_code", "channel", "received", "result"} <= fields


def test_write_needs_its_scope(client, unit_a):
    _token, raw = issue(unit_a, scopes=[Scope.READ])
    response = client.post("/api/govservices/tallies", {"items": []}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {raw}")  # fmt: skip
    assert response.status_code == 403


# --- letters (the mailbox) ---------------------------------------------------------------

LETTER = {"number": "XX-2024-001", "channel": "门户网站信箱", "received_on": "2024-03-04",
          "subject": "关于小区停车的建议", "content": "建议增设停车位。"}  # fmt: skip


def test_letter_posted_twice_is_one_row(api, unit_a):
    first = post(api, "/api/disclosure/letters", LETTER)
    assert first.status_code == 201, first.content
    second = post(api, "/api/disclosure/letters", LETTER)
    assert second.status_code == 200 and second.json()["created"] is False
    stored = rows("SELECT unit_id, channel, received_on, subject, state FROM disclosure_letter"
                  " WHERE number = %s", [LETTER["number"]])  # fmt: skip
    assert stored == [(unit_a.pk, "portal", date(2024, 3, 4), "关于小区停车的建议", "received")]
    assert first.json()["letter"]["due_date"] > "2024-03-04"


def test_letter_same_number_other_content_is_409(api):
    post(api, "/api/disclosure/letters", LETTER)
    response = post(api, "/api/disclosure/letters", {**LETTER, "subject": "另一件事"})
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_letter_bad_channel_is_422(api):
    response = post(api, "/api/disclosure/letters", {**LETTER, "channel": "飞鸽传书"})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "channel"


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/disclosure/letters", {**LETTER, "number": "XX\x00001"}),
        ("/api/disclosure/letters", {**LETTER, "subject": "停车\x07建议"}),
        ("/api/govservices/tallies", {"items": [{"kind": "\x00"}]}),
    ],
)
def test_a_control_character_in_the_body_is_a_chinese_400_and_writes_nothing(api, url, body):
    """NUL in a letter's number reached PostgreSQL, which cannot store it: it was a 500."""
    response = post(api, url, body)
    assert response.status_code == 400
    assert response.json() == {
        "code": "bad_request",
        "message": "提交的数据中含有不可见的控制字符，无法处理。",
        "details": [],
    }
    assert rows("SELECT count(*) FROM disclosure_letter", []) == [(0,)]
    assert rows("SELECT count(*) FROM govservices_halltally", []) == [(0,)]


def test_writes_need_no_csrf_token(unit_a):
    """Other systems send a bearer token, not a session: CSRF does not apply."""
    from django.test import Client

    _token, raw = issue(unit_a, scopes=[Scope.WRITE_LETTERS])
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post("/api/disclosure/letters", LETTER, content_type="application/json")
    assert response.status_code == 201, response.content


# --- reconsideration applications filed online (the registration service) -------------------

ONLINE = {
    "number": "WS-2024-0001", "received_on": "2024-03-04", "applicant_kind": "公民",
    "applicant_name": "张三", "applicant_id_type": "居民身份证",
    "applicant_id_number": "430408198001010016", "applicant_phone": "13800000000",
    "respondent": "蒸湘区人力资源和社会保障局", "act_type": "行政处罚",
    "act_description": "罚款决定", "act_document_number": "蒸人社罚〔2024〕3号",
    "act_date": "2024-02-01", "field": "人力资源和社会保障", "known_on": "2024-02-02",
    "request": "撤销罚款决定", "facts": "被申请人认定申请人未按时缴纳社会保险费。",
    "reasons": "认定事实不清。",
}  # fmt: skip

CASE_SQL = (
    "SELECT unit_id, case_year, status, channel, applicant_kind, applicant_name,"
    " applicant_id_type, applicant_id_number_index, respondent_unit_id, act_type,"
    " act_description, act_document_number, act_date, field, request, received_on, known_on,"
    " application_deadline, application_late, absolute_bar_on, absolutely_barred,"
    " acceptance_due_on FROM reconsideration_reconsiderationcase WHERE case_number = %s"
)


@pytest.fixture
def recon_api(client, justice_bureau, unit_a):
    """The justice bureau's online-application system (unit A is the respondent)."""
    _token, raw = issue(justice_bureau, scopes=[Scope.READ, Scope.WRITE_RECONSIDERATION])
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def test_online_application_through_api_equals_the_ledger_import(
    recon_api, justice_bureau, unit_a, recon_officer
):
    from fazhi.reconsideration.imports import IMPORT_COLUMNS, ledger_import

    first = post(recon_api, "/api/reconsideration/applications", ONLINE)
    assert first.status_code == 201, first.content
    case = first.json()["case"]
    assert case["case_number"] == "蒸政复〔2024〕1号"
    assert case["applicant_name"] == "张*"
    again = post(recon_api, "/api/reconsideration/applications", ONLINE)
    assert again.status_code == 200, again.content
    assert again.json()["created"] is False and again.json()["case"]["id"] == case["id"]
    assert rows("SELECT count(*) FROM reconsideration_reconsiderationcase", []) == [(1,)]

    # the same application as a row of the 台账, imported by the office's officer
    values = {
        "案号": "蒸政复〔2024〕2号", "收到申请日期": "2024-03-04", "申请方式": "网上",
        "申请人类型": "公民", "申请人": "张三", "证件类型": "居民身份证",
        "证件号码": "430408198001010016", "被申请人": "蒸湘区人力资源和社会保障局",
        "行政行为类型": "行政处罚", "被申请复议的行政行为": "罚款决定",
        "行政行为文号": "蒸人社罚〔2024〕3号", "行政行为作出日期": "2024-02-01",
        "行政管理领域": "人力资源和社会保障", "知道行政行为日期": "2024-02-02",
        "行政复议请求": "撤销罚款决定",
    }  # fmt: skip
    workbook = build_workbook(
        [c.header for c in IMPORT_COLUMNS], [[values.get(c.header) for c in IMPORT_COLUMNS]]
    )
    ledger_import(actor=recon_officer, unit=justice_bureau, data=workbook, file_name="台账.xlsx")

    (via_api,) = rows(CASE_SQL, ["蒸政复〔2024〕1号"])
    (via_import,) = rows(CASE_SQL, ["蒸政复〔2024〕2号"])
    assert via_api == via_import
    assert via_api[:6] == (justice_bureau.pk, 2024, "received", "online", "person", "张三")
    assert via_api[8] == unit_a.pk
    # known 2024-02-02 + 60 days (《行政复议法》第二十条) = 2024-04-02; filed 03-04: in time
    assert via_api[17:19] == (date(2024, 4, 2), False)
    assert via_api[21] is not None  # the acceptance-review clock runs from 2024-03-04


def test_online_application_same_number_other_content_is_409(recon_api):
    assert post(recon_api, "/api/reconsideration/applications", ONLINE).status_code == 201
    response = post(recon_api, "/api/reconsideration/applications",
                    {**ONLINE, "request": "确认罚款决定违法"})  # fmt: skip
    assert response.status_code == 409, response.content
    assert response.json()["details"][0]["field"] == "number"
    assert rows("SELECT count(*) FROM reconsideration_reconsiderationcase", []) == [(1,)]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"applicant_id_number": "430408198001010017"}, "applicant_id_number"),
        ({"respondent": "不存在的局"}, "respondent"),
        ({"known_on": "2024-03-05"}, "known_on"),
        ({"rights_notified": False}, "rights_learned_on"),
        ({"applicant_kind": "外星人"}, "applicant_kind"),
    ],
)
def test_online_application_bad_input_is_422_naming_the_field(recon_api, change, field):
    response = post(recon_api, "/api/reconsideration/applications", {**ONLINE, **change})
    assert response.status_code == 422, response.content
    body = response.json()
    assert field in {d["field"] for d in body["details"]}, body
    assert re.search("[\u4e00-\u9fff]", body["message"]), body["message"]
    assert rows("SELECT count(*) FROM reconsideration_reconsiderationcase", []) == [(0,)]
    # a refused application leaves no key behind: the corrected one can be posted
    assert post(recon_api, "/api/reconsideration/applications", ONLINE).status_code == 201
