"""The set-based import of service applications: encodings, bad rows named by row, column and
reason with nothing written, idempotent re-import, and the promised limit counted in working
days with the holiday calendar (expected dates worked out by hand from the 2024/2025 notices)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.govservices.bulk import DEFAULT_HEADERS, BulkProblems, import_applications, write_csv
from fazhi.govservices.models import ImportBatch, ServiceApplication
from fazhi.govservices.tests.factories import make_item, make_package

pytestmark = pytest.mark.django_db

HEADERS = [
    DEFAULT_HEADERS[k]
    for k in ("number", "item_code", "channel", "received", "completed", "result")
]


@pytest.fixture
def items(centre, unit_a):
    return {
        "short": make_item(centre, code="A001", department=unit_a, promised_days=5),
        "long": make_item(centre, code="A002", department=unit_a, promised_days=20),
    }


def row(number, code="A001", channel="网上办理", received="2024-03-04 09:30:00",
        completed="2024-03-08 16:00:00", result="办结（准予）"):  # fmt: skip
    return [number, code, channel, received, completed, result]


def test_utf8_csv_is_stored_with_the_due_date_in_working_days(centre_clerk, items):
    data = write_csv(
        [
            # Mon 2024-03-04 + 5 working days = Mon 2024-03-11; completed Fri 3/8: on time
            row("SQ1"),
            # Fri 2024-09-13 + 5 WD: 9/14 (Sat) is a 调休 working day (1), 9/15–17 中秋 off,
            # 9/18 (2), 9/19 (3), 9/20 (4), 9/23 Mon (5) → due 9/23; completed 9/24: late
            row("SQ2", received="2024-09-13 10:00", completed="2024-09-24 09:00"),
            # pending: no completion, on_time unknown
            row("SQ3", channel="现场办理", completed="", result="办理中"),
        ],
        HEADERS,
    )
    result = import_applications(data, actor=centre_clerk, file_name="2024.csv")
    assert (result.rows, result.created, result.skipped) == (3, 3, 0)
    assert result.encoding == "utf-8"
    stored = {a.number: a for a in ServiceApplication.objects.all()}
    assert stored["SQ1"].due_date == date(2024, 3, 11) and stored["SQ1"].on_time is True
    assert stored["SQ2"].due_date == date(2024, 9, 23) and stored["SQ2"].on_time is False
    assert stored["SQ3"].on_time is None and stored["SQ3"].channel == "onsite"
    assert stored["SQ1"].received_on == date(2024, 3, 4)
    assert stored["SQ1"].unit == centre_clerk.unit
    assert stored["SQ1"].batch.created == 3


def test_spring_festival_2025_is_skipped(centre_clerk, items):
    # Fri 2025-01-24 + 20 WD: 1/26 Sun 调休 (1), 1/27 (2), 1/28–2/4 春节 off, 2/5–2/7 (3–5),
    # 2/8 Sat 调休 (6), 2/10–14 (7–11), 2/17–21 (12–16), 2/24–27 (17–20) → due Thu 2/27
    data = write_csv(
        [row("SQ9", code="A002", received="2025-01-24 09:00", completed="2025-02-27 17:00")],
        HEADERS,
    )
    import_applications(data, actor=centre_clerk)
    stored = ServiceApplication.objects.get(number="SQ9")
    assert stored.due_date == date(2025, 2, 27)
    assert stored.on_time is True


def test_gbk_csv_is_detected_and_read(centre_clerk, items):
    data = write_csv([row("SQ1"), row("SQ2", channel="现场办理")], HEADERS, encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = import_applications(data, actor=centre_clerk)
    assert result.created == 2
    assert result.encoding == "gb18030"
    assert ServiceApplication.objects.get(number="SQ2").channel == "onsite"


def test_xlsx_is_read_streaming(centre_clerk, items):
    import io
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(
        [
            "SQ1",
            "A001",
            "网上办理",
            datetime(2024, 3, 4, 9, 30),
            datetime(2024, 3, 5, 9),
            "办结（准予）",
        ]
    )
    sheet.append([None] * 6)  # a blank row is skipped, later rows keep their Excel number
    sheet.append(["SQ2", "A001", "网上办理", datetime(2024, 3, 5, 9, 30), None, "办理中"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_applications(buffer.getvalue(), actor=centre_clerk)
    assert result.created == 2
    assert ServiceApplication.objects.get(number="SQ1").on_time is True


def _problems(data, actor):
    with pytest.raises(BulkProblems) as caught:
        import_applications(data, actor=actor)
    assert ServiceApplication.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    return [str(e) for e in caught.value.errors]


def test_a_row_completed_before_it_was_received_is_named(centre_clerk, items):
    data = write_csv(
        [row("SQ1"), row("SQ2", received="2024-03-06 10:00", completed="2024-03-05 11:00")],
        HEADERS,
    )
    assert _problems(data, centre_clerk) == [
        "第3行“办结时间”列：办结时间2024-03-05 11:00早于受理时间2024-03-06 10:00"
    ]


def test_an_unknown_item_code_is_named(centre_clerk, items):
    data = write_csv([row("SQ1"), row("SQ2"), row("SQ3", code="Z999")], HEADERS)
    assert _problems(data, centre_clerk) == ["第4行“事项编码”列：事项编码“Z999”不在本区事项清单中"]


def test_an_item_of_another_district_is_unknown(centre_clerk, other_district):
    from fazhi.core.testing.factories import UnitFactory

    elsewhere = UnitFactory(name="珠晖区政务服务中心", division=other_district)
    make_item(elsewhere, code="B001")
    data = write_csv([row("SQ1", code="B001")], HEADERS)
    assert _problems(data, centre_clerk) == ["第2行“事项编码”列：事项编码“B001”不在本区事项清单中"]


def test_a_duplicate_number_within_the_file_names_both_rows(centre_clerk, items):
    data = write_csv([row("SQ1"), row("SQ2"), row("SQ1", received="2024-03-05 09:00")], HEADERS)
    assert _problems(data, centre_clerk) == ["第4行“申请编号”列：与第2行的申请编号重复"]


def test_a_duplicate_number_against_the_database(centre_clerk, items):
    import_applications(write_csv([row("SQ1")], HEADERS), actor=centre_clerk)
    changed = write_csv([row("SQ2"), row("SQ1", received="2024-03-05 08:00")], HEADERS)
    with pytest.raises(BulkProblems) as caught:
        import_applications(changed, actor=centre_clerk)
    assert [str(e) for e in caught.value.errors] == [
        "第3行“申请编号”列：申请编号“SQ1”此前已导入，但事项、渠道或受理时间与此前不同"
    ]
    assert list(ServiceApplication.objects.values_list("number", flat=True)) == ["SQ1"]


def test_reimporting_the_same_file_changes_nothing(centre_clerk, items):
    data = write_csv([row("SQ1"), row("SQ2")], HEADERS)
    import_applications(data, actor=centre_clerk)
    with pytest.raises(ValidationError) as caught:
        import_applications(data, actor=centre_clerk)
    assert "此前均已导入" in caught.value.messages[0]
    assert ServiceApplication.objects.count() == 2
    assert ImportBatch.objects.count() == 1


def test_a_pending_application_is_completed_by_a_later_export(centre_clerk, items):
    import_applications(
        write_csv([row("SQ1", completed="", result="办理中")], HEADERS), actor=centre_clerk
    )
    result = import_applications(write_csv([row("SQ1"), row("SQ2")], HEADERS), actor=centre_clerk)
    assert (result.created, result.completed, result.skipped) == (1, 1, 0)
    assert ServiceApplication.objects.get(number="SQ1").on_time is True


def test_bad_cells_are_all_named(centre_clerk, items):
    data = write_csv(
        [
            row("SQ1", received="2024-02-30 09:00"),
            row("SQ2", channel="传真"),
            row("SQ3", result="准"),
            row("", completed="2024-03-05 25:00"),
            row("SQ5", completed="", result="办结（准予）"),
        ],
        HEADERS,
    )
    assert _problems(data, centre_clerk) == [
        "第2行“受理时间”列：“2024-02-30 09:00”不是有效的时间（应为 2024-03-05 09:30:00 格式）",
        "第3行“办理渠道”列：“传真”不是有效的办理渠道（可填：网上办理、现场办理）",
        "第4行“办理结果”列：“准”不是有效的办理结果（可填：办理中、办结（准予）、办结（不予）、撤回）",
        "第5行“办结时间”列：“2024-03-05 25:00”不是有效的时间（应为 2024-03-05 09:30:00 格式）",
        "第5行“申请编号”列：不能为空",
        "第6行“办结时间”列：办理结果为“办结（准予）”，须填写办结时间",
    ]


def test_a_missing_column_is_named_on_row_one(centre_clerk, items):
    data = write_csv([["SQ1", "A001"]], HEADERS[:2])
    with pytest.raises(BulkProblems) as caught:
        import_applications(data, actor=centre_clerk)
    assert [str(e) for e in caught.value.errors][0] == "第1行“办理渠道”列：缺少该列"


def test_a_ragged_csv_line_is_refused_naming_the_line(centre_clerk, items):
    data = write_csv([row("SQ1"), row("SQ2")[:3]], HEADERS)
    with pytest.raises(ValidationError) as caught:
        import_applications(data, actor=centre_clerk)
    assert caught.value.messages == [
        "CSV 文件第3行有3列，表头有6列（列数不一致），未导入任何记录。请检查该行后重新导入。"
    ]
    assert ServiceApplication.objects.count() == 0


def test_package_and_platform_columns(centre_clerk, items, centre):
    make_package(centre, name="新生儿出生一件事")
    headers = [*HEADERS, DEFAULT_HEADERS["package"], DEFAULT_HEADERS["platform"]]
    data = write_csv([row("SQ1") + ["新生儿出生一件事", "是"], row("SQ2") + ["", "否"]], headers)
    import_applications(data, actor=centre_clerk)
    first, second = ServiceApplication.objects.order_by("number")
    assert first.package.name == "新生儿出生一件事" and first.via_platform is True
    assert second.package is None and second.via_platform is False


def test_a_source_mapping_renames_columns(centre_clerk, items, centre):
    from fazhi.govservices.services import source_register

    source = source_register(actor=centre_clerk, name="市平台", headers={"number": "办件编号"})
    data = write_csv([row("SQ1")], ["办件编号", *HEADERS[1:]])
    result = import_applications(data, actor=centre_clerk, source=source)
    assert result.created == 1 and result.batch.source == source
