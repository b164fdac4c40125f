"""The synthetic decision-making chain: seed-sized volumes per district-year, idempotent."""

from datetime import date

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from fazhi.advisors.tests.chain import advisor, advisor_user, reviewer  # noqa: F401
from fazhi.core.models import Division
from fazhi.deadlines.bulk import clocks_start_many
from fazhi.deadlines.models import Clock
from fazhi.demo.synth import run_synth
from fazhi.demo.synth_decisions import filing_clock, review_clock
from fazhi.indicators.selectors import indicator_values
from fazhi.normdocs.conf import filing_recipient
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.services import FILING_RULE, normdoc_file
from fazhi.normdocs.tests.flow import publish, reviewed_and_discussed
from fazhi.review.models import MaterialKind, ReviewRequest, SubjectType
from fazhi.review.services import (
    advisor_opinion_record,
    review_request_advisor_opinion,
    review_submit,
)
from fazhi.review.tests.chain import approve
from fazhi.review.tests.test_review import submit_decision_review


@pytest.mark.django_db
def test_synth_generates_the_chain_per_district_year_and_tops_up_idempotently():
    run_synth(districts=1, years=2, end_year=2024)
    district = Division.objects.get(code="990101")
    values = indicator_values(
        [
            "decisions.executive_meetings",
            "review.documents",
            "review.minutes",
            "normdocs.filed",
            "normdocs.remains_valid",
            "advisors.village_contracts",
            "decisions.major_decisions_discussed",
        ],
        division_or_unit=district,
        year=2024,
    )
    assert 20 * 0.8 <= values["decisions.executive_meetings"].value <= 20 * 1.2
    assert 412 * 0.7 <= values["review.documents"].value <= 412 * 1.3
    assert 55 * 0.7 <= values["review.minutes"].value <= 55 * 1.3
    assert values["normdocs.filed"].value >= 1
    assert values["normdocs.remains_valid"].value >= 1  # 2024 is an even year: periodic cleanup
    assert values["advisors.village_contracts"].value == 54
    assert values["decisions.major_decisions_discussed"].value >= 4
    reviews, clocks = ReviewRequest.objects.count(), Clock.objects.count()
    run_synth(districts=1, years=2, end_year=2024)
    assert ReviewRequest.objects.count() == reviews
    assert Clock.objects.count() == clocks


@pytest.mark.django_db
def test_synth_leaves_each_review_and_document_the_clocks_of_its_specs():
    run_synth(districts=1, years=1, end_year=2024)
    specs = [review_clock(r) for r in ReviewRequest.objects.all()]
    specs += [filing_clock(d) for d in NormativeDocument.objects.all()]
    specs = [s for s in specs if s is not None]
    assert any(s.rule_code == FILING_RULE for s in specs)
    keys = {(s.rule_code, str(s.subject.pk), s.trigger_date, s.closed_on) for s in specs}
    generated = Clock.objects.filter(rule_code__in={s.rule_code for s in specs})
    assert set(generated.values_list("rule_code", "object_id", "trigger_date", "closed_on")) == keys
    assert generated.count() == len(keys)
    assert not generated.filter(closed_on__isnull=True).exists()
    for document in NormativeDocument.objects.all():  # the recipient normdoc_file records
        assert document.filed_with == filing_recipient(document.is_government_document)


def _rows(clocks, skip=("id",)) -> list[dict]:
    fields = [f.attname for f in Clock._meta.concrete_fields if f.attname not in skip]
    return [{name: getattr(c, name) for name in fields} for c in clocks]


def _clocks_of(subject):
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).order_by("pk")


def _replayed(subject, spec, skip=("id",)):
    """The service path's clocks of `subject`, and the generator's for the same record."""
    made = _clocks_of(subject)
    expected = _rows(made, skip)
    made.delete()
    started = clocks_start_many([spec] if spec else [])
    return expected, _rows(Clock.objects.filter(pk__in=[c.pk for c in started]), skip)


@pytest.mark.django_db
@time_machine.travel(date(2024, 11, 1), tick=False)
@pytest.mark.parametrize(
    ("decided_on", "state"), [(date(2024, 9, 23), "met"), (date(2024, 10, 31), "missed")]
)
def test_a_decided_review_leaves_the_services_clock(clerk_a, reviewer, decided_on, state):  # noqa: F811
    review = review_submit(
        actor=clerk_a,
        subject_type=SubjectType.GOVERNMENT_DOCUMENT,
        title="关于印发某方案的通知",
        submitted_on=date(2024, 9, 20),
        materials=[{"kind": MaterialKind.DRAFT, "title": "送审稿", "note": "正文"}],
    )
    review = approve(review, reviewer, on=decided_on)
    expected, got = _replayed(review, review_clock(review))
    assert got == expected
    assert [(row["state"], row["closed_on"]) for row in got] == [(expected[0]["state"], decided_on)]


@pytest.mark.django_db
@time_machine.travel(date(2024, 11, 1), tick=False)
def test_a_major_decisions_review_leaves_no_clock(clerk_a, reviewer, advisor):  # noqa: F811
    review = submit_decision_review(clerk_a, on=date(2024, 9, 2))
    opinion = review_request_advisor_opinion(
        actor=reviewer, review=review, advisor=advisor, requested_on=date(2024, 9, 3)
    )
    advisor_opinion_record(actor=reviewer, opinion=opinion, given_on=date(2024, 9, 6), text="同意")
    review = approve(review, reviewer, on=date(2024, 9, 12))
    assert _replayed(review, review_clock(review)) == ([], [])


@pytest.mark.django_db
@time_machine.travel(date(2024, 11, 1), tick=False)
@pytest.mark.parametrize("filed_on", [date(2024, 10, 8), date(2024, 10, 9)])
def test_a_published_filed_document_leaves_the_services_filing_clock(clerk_a, reviewer, filed_on):  # noqa: F811
    document = reviewed_and_discussed(clerk_a, reviewer)
    publish(clerk_a, document)
    normdoc_file(actor=clerk_a, document=document, filed_on=filed_on)
    document.refresh_from_db()
    assert _clocks_of(document).get().owner == clerk_a  # the publisher; the generator has none
    expected, got = _replayed(document, filing_clock(document), skip=("id", "owner_id"))
    assert got == expected
    assert got[0]["state"] == ("met" if filed_on == date(2024, 10, 8) else "missed")
