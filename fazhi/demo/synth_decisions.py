"""Synthetic decision-making chain for `manage.py synth` (benchmarks, roll-up).

Per district-year, about the demo district's 2024 volumes (±30%): ~20 executive meetings with a
first-agenda study item and ~6 matters each; ~412 government documents, ~55 minutes, ~25
contracts, ~23 department documents reviewed; ~6 major decisions with their statutory steps,
passed review, advisor's opinion and discussion; a few normative documents published and filed,
and in even years the periodic cleanup of the documents in force; yearly decision catalogs of
most units; advisor contracts of most departments and every village. Rows are bulk-inserted in
the final shape the services leave them, with the clocks those services leave, closed: each
decided review's period (`review_clock`) and each published document's filing period
(`filing_clock`). Idempotent: a district-year whose executive meetings exist is skipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from fazhi.advisors.models import AdvisorContract, AdvisorKind, LegalAdvisor
from fazhi.core.models import UnitKind
from fazhi.deadlines.bulk import ClockSpec, DueMemo, clocks_start_many
from fazhi.deadlines.services import compute_due
from fazhi.decisions.models import (
    CatalogItem,
    CatalogState,
    DecisionCatalog,
    DecisionCategory,
    DecisionState,
    DecisionStep,
    MajorDecision,
    StepKind,
)
from fazhi.demo.synth import SynthContext, synth_step
from fazhi.meetings.models import AgendaItem, AgendaItemKind, AgendaOutcome, Meeting, MeetingKind
from fazhi.normdocs.conf import filing_recipient
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupItem,
    CleanupKind,
    CleanupOutcome,
    CleanupState,
    DocState,
    IssuerKind,
    NormativeDocument,
)
from fazhi.normdocs.services import FILING_RULE
from fazhi.review import conf as review_conf
from fazhi.review.models import AdvisorOpinion, Outcome, ReviewRequest, ReviewState, SubjectType

VOLUMES = {
    "meetings": 20,
    "matters_per_meeting": 6,
    SubjectType.GOVERNMENT_DOCUMENT: 412,
    SubjectType.MINUTES: 55,
    SubjectType.CONTRACT: 25,
    SubjectType.DEPARTMENT_DOCUMENT: 23,
    "decisions": 6,
    "normdocs": 3,
}


def review_clock(review: ReviewRequest) -> ClockSpec | None:
    """The clock `review_submit` starts for the review's subject type (`conf.clock_rule`; none
    for a major decision: 决策条例第二十八条 sets no period) and `review_decide` closes on the
    day the opinion is issued."""
    rule = review_conf.clock_rule(review.subject_type)
    if rule is None:
        return None
    label = f"合法性审查：{review.title}"
    return ClockSpec(
        rule,
        review.submitted_on,
        review,
        review.reviewer_unit,
        label=label,
        closed_on=review.opinion_issued_on,
    )


def filing_clock(document: NormativeDocument) -> ClockSpec:
    """The 15-day filing clock `normdoc_publish` starts on publication (N7, 《湖南省规范性文件管理
    办法》第二十二条) and `normdoc_file` closes on the filing date; no owner (the generator's
    publisher has no account)."""
    label = f"规范性文件报备：{document.title}"
    return ClockSpec(
        FILING_RULE,
        document.published_on,
        document,
        document.unit,
        label=label,
        closed_on=document.filed_on,
    )


def _start_clocks(d: District, specs) -> None:
    clocks_start_many([spec for spec in specs if spec is not None], due=d.due)


class District:
    """One district's units and running counters while generating."""

    def __init__(self, ctx: SynthContext, division):
        units = ctx.units[division.pk]
        self.division = division
        self.government = next(u for u in units if u.kind == UnitKind.GOVERNMENT)
        self.justice = next(u for u in units if u.is_justice_bureau)
        self.departments = [u for u in units if u.kind == UnitKind.DEPARTMENT]
        self.villages = [u for u in units if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)]
        self.office = ctx.office_users[division.pk]
        self.due = DueMemo()
        self._serials: dict[int, int] = {}

    def next_serial(self, year: int) -> int:
        """Review serials run per reviewer and year of submission; a review submitted in the
        year before the one being generated takes that year's next number."""
        if year not in self._serials:
            self._serials[year] = ReviewRequest.objects.filter(
                reviewer_unit=self.justice, year=year
            ).count()
        self._serials[year] += 1
        return self._serials[year]


def _advisors(ctx: SynthContext, d: District) -> list[LegalAdvisor]:
    existing = list(LegalAdvisor.objects.filter(unit=d.justice))
    if existing:
        return existing
    return LegalAdvisor.objects.bulk_create(
        LegalAdvisor(
            unit=d.justice,
            name=f"{d.division.name}顾问{index}",
            kind=AdvisorKind.LAWYER if index < 10 else AdvisorKind.PUBLIC_SECTOR_LAWYER,
            organisation=f"{d.division.name}第{index % 4 + 1}律师事务所",
            licence_number=f"{d.division.code}{index:05d}",
        )
        for index in range(12)
    )


def _review(d, year, subject_type, title, unit, submitted, decided, rng, **extra):
    outcome = Outcome.APPROVED if rng.random() < 0.8 else Outcome.APPROVED_WITH_CHANGES
    return ReviewRequest(
        unit=unit,
        reviewer_unit=d.justice,
        year=submitted.year,
        serial=d.next_serial(submitted.year),
        subject_type=subject_type,
        title=title,
        submitted_on=submitted,
        state=ReviewState.DECIDED,
        outcome=outcome,
        opinion_issued_on=decided,
        authority_ok=True,
        procedure_ok=True,
        content_ok=True,
        authority_opinion="主体适格。",
        procedure_opinion="程序合法。",
        content_opinion="内容合法。",
        **extra,
    )


def _year(ctx: SynthContext, d: District, year: int, advisors) -> None:
    rng = ctx.rng
    last_day = date(year, 12, 20)
    meeting_days = ctx.dates(year, round(ctx.vary(VOLUMES["meetings"], 0.2)))
    meetings = Meeting.objects.bulk_create(
        Meeting(unit=d.government, kind=MeetingKind.EXECUTIVE, number=n, held_on=day)
        for n, day in enumerate(meeting_days, start=1)
    )
    items = []
    for meeting in meetings:
        items.append(
            AgendaItem(
                unit=d.government,
                meeting=meeting,
                order=1,
                kind=AgendaItemKind.FIRST_AGENDA_STUDY,
                title="第一议题学习",
                outcome=AgendaOutcome.STUDIED,
            )
        )
        for order in range(2, 2 + round(ctx.vary(VOLUMES["matters_per_meeting"]))):
            items.append(
                AgendaItem(
                    unit=d.government,
                    meeting=meeting,
                    order=order,
                    kind=AgendaItemKind.MAJOR_PROJECT,
                    title=f"研究重点项目{order - 1}",
                    presenting_unit=rng.choice(d.departments),
                    outcome=AgendaOutcome.APPROVED,
                )
            )
    AgendaItem.objects.bulk_create(items)

    reviews = []
    for subject_type in (
        SubjectType.GOVERNMENT_DOCUMENT,
        SubjectType.MINUTES,
        SubjectType.CONTRACT,
        SubjectType.DEPARTMENT_DOCUMENT,
    ):
        count = round(ctx.vary(VOLUMES[subject_type]))
        for day in ctx.dates(year, count):
            day = min(day, last_day)
            unit = (
                d.government
                if subject_type in (SubjectType.GOVERNMENT_DOCUMENT, SubjectType.MINUTES)
                else rng.choice(d.departments)
            )
            extra = {"counterparty": "某公司"} if subject_type == SubjectType.CONTRACT else {}
            reviews.append(
                _review(d, year, subject_type, f"{subject_type}送审事项", unit, day,
                        day + timedelta(days=rng.randint(1, 6)), rng, **extra)
            )  # fmt: skip
    ReviewRequest.objects.bulk_create(reviews)
    _start_clocks(d, map(review_clock, reviews))

    _decisions(ctx, d, year, meetings, advisors)
    _normative_documents(ctx, d, year)
    _catalogs(ctx, d, year)
    _contracts(ctx, d, year, advisors)


def _decisions(ctx, d, year, meetings, advisors) -> None:
    rng = ctx.rng
    decision_ct = ContentType.objects.get_for_model(MajorDecision)
    chosen = rng.sample(meetings, min(len(meetings), round(ctx.vary(VOLUMES["decisions"]))))
    decisions = MajorDecision.objects.bulk_create(
        MajorDecision(
            unit=d.government,
            lead_unit=rng.choice(d.departments),
            year=year,
            title=f"{d.division.name}{year}年重大行政决策{index}",
            category=DecisionCategory.PUBLIC_POLICY,
            state=DecisionState.PUBLISHED,
            discussed_on=meeting.held_on,
        )
        for index, meeting in enumerate(chosen, start=1)
    )
    reviews = ReviewRequest.objects.bulk_create(
        _review(d, year, SubjectType.MAJOR_DECISION, decision.title, decision.lead_unit,
                meeting.held_on - timedelta(days=30), meeting.held_on - timedelta(days=14), rng,
                subject_ct=decision_ct, subject_id=decision.pk)
        for decision, meeting in zip(decisions, chosen, strict=True)
    )  # fmt: skip
    _start_clocks(d, map(review_clock, reviews))
    AdvisorOpinion.objects.bulk_create(
        AdvisorOpinion(
            unit=review.unit,
            review=review,
            advisor=rng.choice(advisors),
            requested_on=review.submitted_on,
            given_on=review.submitted_on + timedelta(days=5),
            opinion="建议通过。",
        )
        for review in reviews
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            unit=d.government,
            meeting=meeting,
            order=90,
            kind=AgendaItemKind.MAJOR_DECISION,
            title=decision.title,
            presenting_unit=decision.lead_unit,
            subject_ct=decision_ct,
            subject_id=decision.pk,
            outcome=AgendaOutcome.APPROVED,
        )
        for decision, meeting in zip(decisions, chosen, strict=True)
    )
    steps = []
    for decision, review, item in zip(decisions, reviews, items, strict=True):
        held = item.meeting.held_on
        steps += [
            DecisionStep(unit=d.government, decision=decision, kind=StepKind.PUBLIC_PARTICIPATION,
                         started_on=held - timedelta(days=80), completed_on=held - timedelta(days=45),
                         evidence="公开征求意见"),
            DecisionStep(unit=d.government, decision=decision, kind=StepKind.LEGALITY_REVIEW,
                         completed_on=review.opinion_issued_on, evidence=review.number, review=review),
            DecisionStep(unit=d.government, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                         completed_on=held, evidence=str(item.meeting), agenda_item=item),
            DecisionStep(unit=d.government, decision=decision, kind=StepKind.PARTY_REPORT,
                         completed_on=held + timedelta(days=3), evidence="区委常委会"),
            DecisionStep(unit=d.government, decision=decision, kind=StepKind.PUBLICATION,
                         completed_on=held + timedelta(days=10), evidence="已公布"),
        ]  # fmt: skip
    DecisionStep.objects.bulk_create(steps)


def _normative_documents(ctx, d, year) -> None:
    rng = ctx.rng
    prefix = "".join(chr(65 + int(c)) for c in d.division.code[-2:]) + "DR"
    start = NormativeDocument.objects.filter(registration_number__startswith=f"{prefix}-{year}-")
    numbers = iter(range(start.count() + 1, 100_000))
    documents = []
    for day in ctx.dates(year, round(ctx.vary(VOLUMES["normdocs"], 0.5))):
        published = min(day, date(year, 11, 30))
        filed = published + timedelta(days=rng.randint(3, 14))
        documents.append(
            NormativeDocument(
                unit=rng.choice([d.government, *d.departments]),
                title=f"{d.division.name}管理办法（{published:%Y%m%d}）",
                body="第一条 为规范管理，制定本办法。",
                issuer_kind=IssuerKind.DEPARTMENT,
                state=DocState.PUBLISHED,
                registration_number=f"{prefix}-{year}-{next(numbers):05d}",
                registered_on=published,
                published_on=published,
                effective_on=compute_due("normdocs.entry_into_force", published).due_date,
                valid_until=date(year + 5, 12, 31),
                filed_on=filed,
                consultation_exempt_reason="合成数据",
            )
        )
        documents[-1].filed_with = filing_recipient(documents[-1].is_government_document)
    NormativeDocument.objects.bulk_create(documents)
    _start_clocks(d, map(filing_clock, documents))
    if year % 2:
        return
    cutoff = date(year, 6, 30)
    campaign = CleanupCampaign.objects.create(
        unit=d.government,
        kind=CleanupKind.PERIODIC,
        year=year,
        title=f"{year}年度行政规范性文件定期清理",
        started_on=date(year, 7, 1),
        cutoff_on=cutoff,
        completed_on=date(year, 9, 15),
        published_on=date(year, 9, 22),
        state=CleanupState.PUBLISHED,
    )
    scope = NormativeDocument.objects.in_force_on(cutoff).filter(
        unit__division__path__startswith=d.division.path
    )
    items, ended = [], []
    for document in scope:
        outcome = rng.choices(
            [CleanupOutcome.REMAINS_VALID, CleanupOutcome.DECLARE_INVALID, CleanupOutcome.REPEAL],
            weights=[16, 6, 1],
        )[0]
        items.append(
            CleanupItem(
                unit=document.unit,
                campaign=campaign,
                document=document,
                outcome=outcome,
                reason="" if outcome == CleanupOutcome.REMAINS_VALID else "清理",
                applied=True,
            )
        )
        if outcome != CleanupOutcome.REMAINS_VALID:
            document.state = (
                DocState.DECLARED_INVALID
                if outcome == CleanupOutcome.DECLARE_INVALID
                else DocState.REPEALED
            )
            document.ended_on = campaign.published_on
            ended.append(document)
    CleanupItem.objects.bulk_create(items)
    NormativeDocument.objects.bulk_update(ended, ["state", "ended_on"])


def _catalogs(ctx, d, year) -> None:
    rng = ctx.rng
    units = [d.government, *d.departments]
    catalogs = DecisionCatalog.objects.bulk_create(
        DecisionCatalog(
            unit=unit,
            year=year,
            title=f"{unit.name}{year}年度重大行政决策事项目录",
            state=CatalogState.PUBLISHED,
            party_agreed_on=date(year, 2, 20),
            published_on=date(year, 3, 1),
            publication_url="http://example.gov.cn/ml",
        )
        for unit in units
        if rng.random() < 0.93
    )
    CatalogItem.objects.bulk_create(
        CatalogItem(
            unit=catalog.unit,
            catalog=catalog,
            order=1,
            title=f"{catalog.unit.name}年度重点事项",
            category=DecisionCategory.PUBLIC_POLICY,
            lead_unit=catalog.unit,
            planned_date=date(year, 12, 31),
        )
        for catalog in catalogs
    )


def _contracts(ctx, d, year, advisors) -> None:
    rng = ctx.rng
    clients = [d.government, *(u for u in d.departments if rng.random() < 0.96), *d.villages]
    AdvisorContract.objects.bulk_create(
        AdvisorContract(
            unit=unit,
            advisor=rng.choice(advisors),
            contract_number=f"{d.division.code}-{year}-{index:04d}",
            signed_on=date(year, 1, 10),
            start_date=date(year, 1, 1),
            end_date=date(year, 12, 31),
            fee=Decimal(6000 if unit in d.villages else 30000),
            scope="法律顾问服务",
            renewal=True,
        )
        for index, unit in enumerate(clients, start=1)
    )


@synth_step
def decision_chain(ctx: SynthContext) -> str:
    generated = 0
    for division in ctx.districts:
        d = District(ctx, division)
        advisors = _advisors(ctx, d)
        for year in ctx.years:
            if Meeting.objects.filter(
                unit=d.government, kind=MeetingKind.EXECUTIVE, held_on__year=year
            ).exists():
                continue
            _year(ctx, d, year, advisors)
            generated += 1
    return f"依法决策：新生成 {generated} 个区县年度（会议、审查、决策、规范性文件、目录、法律顾问合同）"
