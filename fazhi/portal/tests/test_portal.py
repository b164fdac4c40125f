"""The portal shows published records only: an unpublished one is a 404 by id and is never
listed; another district's code does not reach a record either."""

import io
import zipfile
from datetime import date

import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_districts(client, district):
    response = client.get("/portal/")
    assert response.status_code == 200
    assert "蒸湘区" in response.content.decode()


def test_district_home_lists_only_published(client, district, published):
    page = client.get(f"/portal/{district.code}/").content.decode()
    assert f"/portal/{district.code}/reports/{published['report'].pk}/" in page
    assert f"/reports/{published['hidden_report'].pk}/" not in page
    assert published["catalog"].title in page
    assert "卫健局目录" not in page


def test_published_report_html_and_docx(client, district, published):
    report = published["report"]
    html = client.get(f"/portal/{district.code}/reports/{report.pk}/")
    assert html.status_code == 200
    assert "2023年" in html.content.decode()
    download = client.get(f"/portal/{district.code}/reports/{report.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"].endswith("wordprocessingml.document")
    with zipfile.ZipFile(io.BytesIO(download.content)) as docx:
        assert "word/document.xml" in docx.namelist()


def test_unpublished_records_are_404(client, district, published):
    hidden = published["hidden_report"].pk
    assert client.get(f"/portal/{district.code}/reports/{hidden}/").status_code == 404
    assert client.get(f"/portal/{district.code}/reports/{hidden}/download/").status_code == 404
    catalog = published["hidden_catalog"].pk
    assert client.get(f"/portal/{district.code}/catalogs/{catalog}/").status_code == 404


def test_another_districts_code_is_404(client, district, other_district, published):
    report = published["report"].pk
    assert client.get(f"/portal/{other_district.code}/reports/{report}/").status_code == 404
    assert client.get("/portal/999999/").status_code == 404


def test_published_catalog_lists_its_items(client, district, published):
    page = client.get(f"/portal/{district.code}/catalogs/{published['catalog'].pk}/")
    assert page.status_code == 200
    assert "制定就业补贴发放办法" in page.content.decode()


def test_the_district_home_links_the_districts_normative_documents(client, district, published):
    page = client.get(f"/portal/{district.code}/").content.decode()
    assert f"/portal/{district.code}/normdocs/" in page
    listed = client.get(f"/portal/{district.code}/normdocs/").content.decode()
    assert published["document"].title in listed


# --- 政府信息公开工作年度报告 ----------------------------------------------------------------


def test_disclosure_report_published_only(client, district, published):
    shown, hidden = published["disclosure_report"], published["hidden_disclosure_report"]
    page = client.get(f"/portal/{district.code}/").content.decode()
    assert f"/portal/{district.code}/disclosure-reports/{shown.pk}/" in page
    assert shown.title in page
    assert hidden.title not in page and f"/disclosure-reports/{hidden.pk}/" not in page
    base = f"/portal/{district.code}/disclosure-reports"
    assert client.get(f"{base}/{hidden.pk}/").status_code == 404
    assert client.get(f"{base}/{hidden.pk}/download/").status_code == 404
    assert client.get(f"{base}/2023-{hidden.unit_id}/").status_code == 404
    # the readable address leads to the published one
    found = client.get(f"{base}/2023-{shown.unit_id}/")
    assert found.status_code == 302 and found["Location"] == f"{base}/{shown.pk}/"
    assert client.get(f"{base}/2022-{shown.unit_id}/").status_code == 404


def test_an_ordinary_item_is_not_a_disclosure_report(client, district, unit_a):
    from fazhi.disclosure.tests.factories import make_item

    item = make_item(
        unit_a, title="2023年工作动态", formed_on=date(2024, 1, 2), published_on=date(2024, 1, 5)
    )
    assert client.get(f"/portal/{district.code}/disclosure-reports/{item.pk}/").status_code == 404


def test_another_districts_code_does_not_reach_a_disclosure_report(
    client, other_district, published
):
    pk = published["disclosure_report"].pk
    assert client.get(f"/portal/{other_district.code}/disclosure-reports/{pk}/").status_code == 404


def test_disclosure_report_tables_count_the_units_records(client, district, published, unit_a):
    from fazhi.disclosure.models import Category
    from fazhi.disclosure.tests.factories import make_item

    for day in (3, 4, 5):
        make_item(unit_a, category=Category.POLICY, formed_on=date(2023, 5, 1),
                  published_on=date(2023, 5, day))  # fmt: skip
    make_item(unit_a, category=Category.POLICY, formed_on=date(2024, 5, 1),
              published_on=date(2024, 5, 3))  # another year  # fmt: skip
    report = published["disclosure_report"]
    page = client.get(f"/portal/{district.code}/disclosure-reports/{report.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "二、主动公开政府信息情况" in html and "三、收到和处理政府信息公开申请情况" in html
    assert '政策文件及解读</td><td data-label="本年公开（条）">3</td>' in html
    download = client.get(f"/portal/{district.code}/disclosure-reports/{report.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"].endswith("wordprocessingml.document")
    with zipfile.ZipFile(io.BytesIO(download.content)) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "2023年政府信息公开工作年度报告" in xml and "政策文件及解读" in xml


def test_legal_aid_notice_counts_the_districts_granted_cases(
    client, district, other_district, unit_a
):
    from django.db import connection

    from fazhi.core.testing.factories import UnitFactory
    from fazhi.legal_aid.tests.factories import make_case

    make_case(unit_a, granted_on=date(2024, 5, 6))
    make_case(unit_a, granted_on=date(2024, 7, 8))
    make_case(unit_a, granted_on=date(2023, 7, 8))
    make_case(UnitFactory(division=other_district), granted_on=date(2024, 5, 6))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM legal_aid_aidcase c JOIN core_unit u ON u.id = c.unit_id"
            " JOIN core_division d ON d.id = u.division_id"
            " WHERE d.path LIKE %s AND c.granted_on BETWEEN '2024-01-01' AND '2024-12-31'",
            [district.path + "%"],
        )
        (expected,) = cursor.fetchone()
    assert expected == 2
    page = client.get(f"/portal/{district.code}/legal-aid/2024/")
    assert page.status_code == 200
    assert f'给予法律援助案件</td><td data-label="数量">{expected} 件' in page.content.decode()
    this_year = date.today().year
    assert client.get(f"/portal/{district.code}/legal-aid/{this_year}/").status_code == 404


def test_village_advisors_show_name_and_contact_only(client, district, unit_a):
    from fazhi.advisors.tests.factories import make_advisor, make_contract
    from fazhi.core.models import UnitKind
    from fazhi.core.testing.factories import UnitFactory

    village = UnitFactory(name="蒸湘区某某村", division=district, kind=UnitKind.VILLAGE)
    empty = UnitFactory(name="蒸湘区另一村", division=district, kind=UnitKind.VILLAGE)
    advisor = make_advisor(
        unit_a, name="张律师", phone="13800001111", licence_number="14304202410000"
    )
    today = date.today()
    make_contract(village, advisor=advisor, start_date=today.replace(month=1, day=1),
                  end_date=today.replace(month=12, day=31), signed_on=today.replace(month=1, day=1))  # fmt: skip
    page = client.get(f"/portal/{district.code}/advisors/").content.decode()
    assert "蒸湘区某某村" in page and "张律师" in page and "13800001111" in page
    assert "14304202410000" not in page
    assert empty.name in page and "暂未聘请" in page
