"""The set-based 台账 import writes the rows the per-row service path wrote, in a number of
queries that does not grow with the file."""

import hashlib
from datetime import date

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fazhi.core.xlsx import ImportProblems
from fazhi.deadlines import services as clocks
from fazhi.deadlines.models import Clock
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import imports as ledger
from fazhi.reconsideration.models import (
    CaseEvent,
    CaseNumberCounter,
    CaseStatus,
    Channel,
    LedgerImport,
    Procedure,
    ReconsiderationCase,
)
from fazhi.reconsideration.numbering import ImportNumbering
from fazhi.reconsideration.services import (
    apply_period_check,
    decision_rule,
    start_clock,
    sync_decision_due,
)
from fazhi.reconsideration.tests.test_ledger import row, workbook

pytestmark = pytest.mark.django_db

OPEN = {"受理日期": None, "结案方式": None, "办结日期": None, "送达日期": None}
IN_REVIEW = {"结案方式": None, "办结日期": None, "送达日期": None}
NOT_ACCEPTED = {**OPEN, "不予受理日期": "2024-01-12", "不予受理理由": "超过申请期限"}


def sample() -> bytes:
    """Each status, the oral channel, the simple procedure, a late application, a case without
    the act's date, another year, an open case overdue and one running on 2024-06-01."""
    return workbook(
        row(1),
        row(2, **NOT_ACCEPTED),
        row(3, **IN_REVIEW),
        row(4, **IN_REVIEW, 申请方式="口头", 审理程序="简易程序"),
        row(5, **OPEN),
        row(6, **OPEN, 收到申请日期="2024-05-30", 知道行政行为日期="2024-05-20"),
        row(7, 申请方式="口头", 审理程序="简易程序", 办结日期="2024-02-20", 送达日期=None),
        row(8, **IN_REVIEW, 知道行政行为日期="2023-09-01", 行政行为作出日期=None),
        row(
            9,
            **IN_REVIEW,
            案号="蒸政复〔2023〕9号",
            收到申请日期="2023-12-20",
            受理日期="2024-05-20",
        ),
    )


def per_row_store(rows, *, actor, unit, data, file_name):
    """The import's storage as it was before the set-based path (commit 653fda5): each row
    saved, its clock started by `clock_start`, its timeline entry created, one at a time."""
    problems = ImportProblems()
    respondents = {}
    for r in rows:
        r["_fingerprint"] = ledger._fingerprint(r)
        ledger._check_row(r, unit, problems, respondents)
    assert not problems.errors
    batch = LedgerImport.objects.create(
        unit=unit,
        file_name=file_name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        rows_total=len(rows),
        rows_created=len(rows),
        rows_unchanged=0,
        imported_by=actor,
    )
    numbering = ImportNumbering(unit)
    for r in rows:
        year, serial = numbering.claim(r["case_number"], r["received_on"].year)
        outcome = r.get("outcome") or ""
        if outcome:
            status = CaseStatus.CLOSED
        elif r.get("not_accepted_on"):
            status = CaseStatus.NOT_ACCEPTED
        elif r.get("accepted_on"):
            status = CaseStatus.IN_REVIEW
        else:
            status = CaseStatus.RECEIVED
        case = ReconsiderationCase(
            unit=unit,
            case_number=r["case_number"],
            case_year=year,
            case_serial=serial,
            status=status,
            registered_by=actor,
            updated_by=actor,
            applicant_kind=r["applicant_kind"],
            applicant_name=r["applicant_name"],
            applicant_id_type=r["applicant_id_type"],
            applicant_id_number=r["applicant_id_number"],
            respondent_unit=r["respondent_unit"],
            act_type=r["act_type"],
            act_description=r["act_description"],
            act_document_number=r.get("act_document_number") or "",
            act_date=r.get("act_date"),
            field=r["field"],
            request=r["request"],
            channel=r["channel"],
            received_on=r["received_on"],
            known_on=r["known_on"],
            accepted_on=r.get("accepted_on"),
            not_accepted_on=r.get("not_accepted_on"),
            not_accepted_reason=r.get("not_accepted_reason") or "",
            procedure=r.get("procedure") or Procedure.NORMAL,
            outcome=outcome,
            closed_on=r.get("closed_on"),
            served_on=r.get("served_on"),
            import_batch=batch,
            import_fingerprint=r["_fingerprint"],
        )
        if case.channel == Channel.ORAL:
            case.oral_confirmed = True
        apply_period_check(case)
        case.full_clean(
            exclude=["unit", "registered_by", "updated_by", "import_batch", "respondent_unit"],
            validate_constraints=False,
        )
        if status == CaseStatus.CLOSED:
            due = clocks.compute_due(decision_rule(case), case.accepted_on)
            case.decision_due_on, case.decision_due_explanation = due.due_date, due.explanation
            case.decided_on_time = case.closed_on <= due.due_date
        case.save()
        if status == CaseStatus.IN_REVIEW:
            sync_decision_due(case, start_clock(case, decision_rule(case), case.accepted_on))
            case.save(update_fields=["decision_due_on", "decision_due_explanation"])
        elif status == CaseStatus.RECEIVED:
            case.acceptance_due_on = start_clock(
                case, rules.ACCEPTANCE_REVIEW, case.received_on
            ).due_date
            case.save(update_fields=["acceptance_due_on"])
        CaseEvent.objects.create(
            case=case,
            kind="imported",
            text=f"由台账“{batch.file_name}”第{r['_row']}行导入（{case.get_status_display()}）。",
            on=case.received_on,
            actor=actor,
        )
    numbering.finish()
    return ledger.ImportResult(batch, len(rows), 0)


def _fields(obj, *skip) -> dict:
    return {
        f.attname: getattr(obj, f.attname)
        for f in type(obj)._meta.concrete_fields
        if f.attname not in ("id", *skip)
    }


def snapshot(unit) -> dict:
    """Every row the import wrote, without the ids the sequences gave."""
    cases = ReconsiderationCase.objects.filter(unit=unit).order_by("case_number")
    number = {str(c.pk): c.case_number for c in cases}
    return {
        "cases": [_fields(c, "import_batch_id") for c in cases],
        "clocks": sorted(
            (number[c.object_id], _fields(c, "object_id"))
            for c in Clock.objects.filter(object_id__in=number).order_by("rule_code")
        ),
        "events": sorted(
            (e.case.case_number, _fields(e, "case_id"))
            for e in CaseEvent.objects.filter(case__unit=unit).select_related("case")
        ),
        "counters": sorted(
            CaseNumberCounter.objects.filter(unit=unit).values_list("year", "last_number")
        ),
    }


class Rolled(Exception):
    pass


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_the_rows_are_those_of_the_per_row_path(recon_officer, unit_a, monkeypatch):
    unit, data = recon_officer.unit, sample()

    def run():
        result = ledger.ledger_import(actor=recon_officer, unit=unit, data=data, file_name="t.xlsx")
        assert result.rows_created == 9
        return snapshot(unit)

    with pytest.raises(Rolled), transaction.atomic():
        fast = run()
        raise Rolled
    monkeypatch.setattr(ledger, "_store", per_row_store)
    slow = run()
    assert {c["status"] for c in fast["cases"]} == {
        CaseStatus.CLOSED,
        CaseStatus.IN_REVIEW,
        CaseStatus.RECEIVED,
        CaseStatus.NOT_ACCEPTED,
    }
    assert {c["channel"] for c in fast["cases"]} == {Channel.WRITTEN, Channel.ORAL}
    assert len(fast["clocks"]) == 6 and len(fast["events"]) == 9
    assert {clock["state"] for _, clock in fast["clocks"]} >= {"running", "overdue"}
    for key in ("clocks", "events", "counters"):
        assert fast[key] == slow[key], key
    for got, want in zip(fast["cases"], slow["cases"], strict=True):
        assert got == want, got["case_number"]


def _rows(n: int) -> bytes:
    statuses = [{}, NOT_ACCEPTED, IN_REVIEW, OPEN]
    return workbook(
        *(
            row(k, **statuses[k % 4], 收到申请日期=f"2024-01-{1 + k % 9:02d}")
            for k in range(1, n + 1)
        )
    )


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_query_count_does_not_grow_with_the_rows(recon_officer, unit_a):
    counts = []
    for n in (2, 10, 60):  # the first run fills the process's caches (content types)
        with pytest.raises(Rolled), transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                result = ledger.ledger_import(
                    actor=recon_officer, unit=recon_officer.unit, data=_rows(n), file_name="t"
                )
            assert result.rows_created == n
            assert Clock.objects.count() == n // 2
            raise Rolled
        counts.append(len(queries))
    assert counts[1] == counts[2], counts
