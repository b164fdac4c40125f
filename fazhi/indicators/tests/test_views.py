import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.indicators import services
from fazhi.indicators.models import Indicator, ReturnRequest, ReturnState

from .helpers import accepted_return

SERVED: list[str] = []  # the last page's statements, for a failure's message
SAVEPOINT = re.compile(r'SAVEPOINT "\w+"$')  # a test's transaction, not the page's


@pytest.fixture
def unit_return(catalog, office_staff, unit_a):
    request = services.return_request_open(
        actor=office_staff,
        title="2024年度统计",
        year=2024,
        indicators=["legal_aid.visits", "legal_aid.calls"],
        units=[unit_a],
        due_date=date(2025, 1, 20),
    )
    return request.returns.get()


def test_values_page_links_each_figure_to_its_provenance(
    catalog, verified_client, office_staff, unit_a
):
    accepted_return(office_staff, unit_a, {"publicity.materials": 30215})
    client = verified_client(office_staff)
    page = client.get(reverse("indicators:values"), {"year": 2024})
    assert page.status_code == 200
    html = page.content.decode()
    assert "3万余份" in html and "30215份" in html
    link = f"{reverse('indicators:provenance')}?division={unit_a.division_id}&amp;year=2024&amp;code=publicity.materials"
    assert link in html
    detail = client.get(
        reverse("indicators:provenance"),
        {"division": unit_a.division_id, "year": 2024, "code": "publicity.materials"},
    )
    text = detail.content.decode()
    assert detail.status_code == 200
    assert unit_a.name in text and "第1版" in text and "统计填报" in text
    unit_return = ReturnRequest.objects.get().returns.get(unit=unit_a)
    assert reverse("indicators:return_detail", args=[unit_return.pk]) in text


def test_rate_provenance_shows_its_parts(catalog, verified_client, office_staff, unit_a):
    accepted_return(
        office_staff, unit_a, {"services.completed": 4, "services.completed_on_time": 3}
    )
    client = verified_client(office_staff)
    page = client.get(
        reverse("indicators:provenance"),
        {"unit": unit_a.pk, "year": 2024, "code": "services.on_time_rate"},
    )
    text = page.content.decode()
    assert "75%" in text and "按时办结件数" in text and "办结件数" in text and "不取平均" in text


def test_clerk_sees_only_their_unit(catalog, client, clerk_a, unit_b, district):
    client.force_login(clerk_a)
    assert client.get(reverse("indicators:values"), {"year": 2024}).status_code == 200
    assert client.get(reverse("indicators:values"), {"unit": unit_b.pk}).status_code == 404
    assert client.get(reverse("indicators:values"), {"division": district.pk}).status_code == 404
    assert (
        client.get(
            reverse("indicators:provenance"), {"unit": unit_b.pk, "code": "legal_aid.cases"}
        ).status_code
        == 404
    )


def test_visitors_are_sent_to_login(catalog, client):
    assert client.get(reverse("indicators:values")).status_code == 302


def test_admin_roles_are_refused(catalog, verified_client, auditor):
    client = verified_client(auditor)
    assert client.get(reverse("indicators:values")).status_code == 403


def test_another_units_return_is_a_404(unit_return, client, clerk_b):
    client.force_login(clerk_b)
    assert client.get(reverse("indicators:return_detail", args=[unit_return.pk])).status_code == 404
    assert (
        client.get(reverse("indicators:return_template", args=[unit_return.pk])).status_code == 404
    )


def test_clerk_fills_by_form_and_head_submits(unit_return, client, clerk_a, head_a):
    client.force_login(clerk_a)
    url = reverse("indicators:return_detail", args=[unit_return.pk])
    page = client.post(
        url, {"action": "fill", "legal_aid.visits": "482", "legal_aid.calls": "五百"}
    )
    assert page.status_code == 200 and "不是数字" in page.content.decode()
    assert not unit_return.revisions.get().values.exists()
    response = client.post(
        url, {"action": "fill", "legal_aid.visits": "482", "legal_aid.calls": "510"}
    )
    assert response.status_code == 302
    assert client.post(url, {"action": "submit"}).status_code == 200  # a clerk may not submit
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.DRAFT
    client.force_login(head_a)
    page = client.post(url, {"action": "submit"}, follow=True)
    assert "本人已核对本表数据" in page.content.decode()  # the head confirms before submitting
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.DRAFT
    client.post(url, {"action": "submit", "confirm": "1"})
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.SUBMITTED


def test_excel_download_and_upload_through_the_page(unit_return, client, clerk_a):
    client.force_login(clerk_a)
    response = client.get(reverse("indicators:return_template", args=[unit_return.pk]))
    assert response.status_code == 200
    assert AccessEvent.objects.filter(
        kind=AccessEventKind.EXPORT, object_id=str(unit_return.pk)
    ).exists()
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    sheet["E2"], sheet["E3"] = 482, -5
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.name = "return.xlsx"
    buffer.seek(0)
    url = reverse("indicators:return_detail", args=[unit_return.pk])
    page = client.post(url, {"action": "upload", "file": buffer}, follow=True)
    assert "第3行“数值”列" in page.content.decode()
    assert not unit_return.revisions.get().values.exists()
    sheet["E3"] = 510
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.name = "return.xlsx"
    buffer.seek(0)
    client.post(url, {"action": "upload", "file": buffer})
    assert dict(unit_return.revisions.get().values.values_list("indicator__code", "value")) == {
        "legal_aid.visits": 482,
        "legal_aid.calls": 510,
    }


def test_office_opens_a_return_and_adds_an_indicator(
    catalog, verified_client, office_staff, unit_a, clerk_a
):
    client = verified_client(office_staff)
    response = client.post(
        reverse("indicators:catalog"),
        {
            "name": "行政调解",
            "domain": "公共法律服务",
            "measure": "件",
            "kind": "count",
            "formula": "年度内行政调解案件数",
            "reporting_units": [unit_a.pk],
            "required": "on",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="行政调解")
    response = client.post(
        reverse("indicators:return_open"),
        {
            "title": "行政调解统计",
            "year": 2024,
            "granularity": "year",
            "indicators": [indicator.pk],
            "due_date": "2025-01-31",
        },
    )
    assert response.status_code == 302
    request = ReturnRequest.objects.get(title="行政调解统计")
    assert [r.unit for r in request.returns.all()] == [unit_a]
    assert request.due_date == date(2025, 1, 31)
    client.force_login(clerk_a)
    assert client.post(reverse("indicators:catalog"), {"name": "x"}).status_code == 403
    assert client.get(reverse("indicators:return_open")).status_code == 403


def test_office_accepts_and_sends_back_on_the_page(
    unit_return, verified_client, clerk_a, head_a, office_staff
):
    services.return_fill(
        actor=clerk_a, unit_return=unit_return, values={"legal_aid.visits": 1, "legal_aid.calls": 2}
    )
    services.return_submit(actor=head_a, unit_return=unit_return)
    client = verified_client(office_staff)
    url = reverse("indicators:return_detail", args=[unit_return.pk])
    page = client.post(url, {"action": "send_back", "reason": ""}, follow=True)
    assert "原因" in page.content.decode()
    client.post(url, {"action": "send_back", "reason": "来电咨询数偏低，请核实"})
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.RETURNED
    assert "来电咨询数偏低" in client.get(url).content.decode()


def test_values_page_filters_by_domain_for_the_sidebar_groups(
    catalog, verified_client, office_staff, unit_a
):
    accepted_return(office_staff, unit_a, {"publicity.materials": 30215, "legal_aid.visits": 482})
    client = verified_client(office_staff)
    page = client.get(reverse("indicators:values"), {"year": 2024, "domain": "公共法律服务"})
    html = page.content.decode()
    assert "法律援助" in html and "482" in html
    assert "3万余份" not in html  # 普法宣传 is another domain


def _values_page_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("indicators:values"), {"year": 2024})
    assert page.status_code == 200
    # as served (autocommit): the test's transaction adds a savepoint around the registers'
    SERVED[:] = [q["sql"] for q in queries.captured_queries if not SAVEPOINT.search(q["sql"])]
    return len(SERVED)


def test_values_page_queries_do_not_grow_with_records_or_units(
    catalog, verified_client, office_staff, unit_a, district
):
    """Every figure, its findings and its change on last year come from batches: the page made
    one query per figure of the relations (the 政府信息公开 table's 175 cells) before."""
    from fazhi.core.testing.factories import UnitFactory, UserFactory

    client = verified_client(office_staff)
    accepted_return(office_staff, unit_a, {"publicity.materials": 3})
    _values_page_queries(client)  # caches (catalog, calendar) warm
    few = _values_page_queries(client)

    units = [UnitFactory(name=f"蒸湘区测试局{n}", division=district) for n in range(8)]
    for unit in units:
        accepted_return(office_staff, unit, {"publicity.materials": 5, "legal_aid.visits": 2})
        for _ in range(3):
            UserFactory(unit=unit)
    many = _values_page_queries(client)

    assert many == few
    # 12 as served: session, user, device; catalog, targets and relations; the registers of
    # both years; the returned values (sums and latest stocks) of each year, 4; the checks, 2;
    # the scope choices. 53 before the checks read their querysets together.
    assert few <= 12, "\n".join(q[:120] for q in SERVED)
