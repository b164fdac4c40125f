"""The portal shows published records only: an unpublished one is a 404 by id and is never
listed; another district's code does not reach a record either."""

import io
import zipfile

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


def test_normdocs_public_pages_still_answer_beside_the_portal(client):
    assert client.get("/portal/normdocs/").status_code == 200
