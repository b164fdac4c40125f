"""One year of a district's enforcement supervision, written through the services: used by the
demo district (`demo.py`, fixed ILLUSTRATIVE distribution) and the synthetic city (`synth.py`,
the same yearly volumes spread by a seeded generator).

A `Plan` says how many officers each unit has, who sits which exam and fails, who is removed
and why, how many cases each unit closed and which of them carry a defect.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from fazhi.core.models import Unit, UnitKind
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    CaseType,
    DeductionState,
    EnforcementCase,
    Grade,
    Officer,
    PartyKind,
    Procedure,
    RegistrationReason,
    RemovalReason,
    StatementKind,
)
from fazhi.indicators.selectors import findings_for

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁欣婷雪琳晨阳波峰"
SUBJECTS = {
    CaseType.PENALTY: [
        "未按规定办理登记",
        "违规经营",
        "未履行安全生产管理职责",
        "擅自占用道路",
        "无证经营",
    ],
    CaseType.LICENCE: ["经营许可", "施工许可", "卫生许可", "占道许可", "从业资格许可"],
}


# Cases 0, 1 and 3 of a unit are ordinary-procedure penalties (2 is a licence, 4 a summary
# penalty): a unit's defects go on those, in order.
DEFECT_SLOTS = (0, 1, 3)


@dataclass
class UnitPlan:
    """One unit's year: existing certified staff, exam candidates and failures, cases."""

    staff: int = 8
    old_certificates: int = 0  # certificates of an earlier batch running out this year
    first_sitting: int = 0
    first_failed: int = 0
    retake_failed: int = 0
    second_sitting: int = 0  # new staff at the second sitting (they all pass)
    off_roll: int = 0
    left: int = 0
    expired_removed: int = 0
    cases: int = 0
    defects: tuple[str, ...] = ()


@dataclass
class Plan:
    year: int
    units: dict[str, UnitPlan]
    review_units: list[str]
    training_first: int = 100
    second_training_units: int = 6
    sample_size: int = 3
    seed: str = ""
    leave_pending: tuple[str, ...] = ()
    id_prefix: str = "430408"
    certificates: bool = True  # apply for and issue the passes' certificates (逐级上报)
    notes: dict = field(default_factory=dict)


class People:
    """Deterministic made-up names and ID numbers (ILLUSTRATIVE)."""

    def __init__(self, rng: random.Random, prefix: str, year: int):
        self.rng = rng
        self.prefix = prefix
        self.serial = 0
        self.day = 1 + year % 28  # one birth day per year: no two years give the same number

    def next(self, born: int) -> tuple[str, str]:
        self.serial += 1
        name = self.rng.choice(SURNAMES) + "".join(
            self.rng.choices(GIVEN, k=self.rng.choice((1, 2)))
        )
        month = self.rng.randrange(1, 13)
        body = f"{self.prefix}{born}{month:02d}{self.day:02d}{self.serial % 1000:03d}"
        return name, body + _check_digit(body)


def _check_digit(body: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return "10X98765432"[total % 11]


class Year:
    """Writes one plan for one district-year through the services."""

    def __init__(self, plan: Plan, *, supervisor, bureau: Unit, units: dict[str, Unit], rng):
        self.plan = plan
        self.actor = supervisor
        self.bureau = bureau
        self.units = units
        self.rng = rng
        self.people = People(rng, plan.id_prefix, plan.year)
        self.staff: dict[str, list[Officer]] = {}
        self.numbers = 0
        self.y = plan.year

    # -- officers and certificates -----------------------------------------------------

    def officer(self, unit: Unit, joined: date, born: int | None = None) -> Officer:
        name, id_number = self.people.next(born or self.rng.randrange(1968, 2000))
        domain = "综合行政执法" if unit.kind in (UnitKind.TOWN, UnitKind.SUBDISTRICT) else ""
        return services.officer_register(
            actor=self.actor,
            unit=unit,
            name=name,
            id_number=id_number,
            joined_on=joined,
            position=self.rng.choice(["科员", "股长", "副股长", "执法队员", "副局长"]),
            legal_qualification=self.rng.random() < 0.15,
            domains=domain,
        )

    def number(self) -> str:
        self.numbers += 1
        return f"湘{self.plan.id_prefix}{self.y % 100:02d}{self.numbers:05d}"

    def existing_staff(self) -> int:
        """Staff certified in the 2022 batch (valid to 2027-10-31, E4) and older ones."""
        count = 0
        for name, unit_plan in self.plan.units.items():
            unit = self.units[name]
            officers = []
            for _ in range(unit_plan.staff):
                officer = self.officer(unit, date(2018, 3, 1))
                services.certificate_record_existing(
                    actor=self.actor,
                    officer=officer,
                    number=self.number(),
                    issued_on=date(2022, 11, 1),
                )
                officers.append(officer)
            for index in range(unit_plan.old_certificates):
                officer = self.officer(unit, date(2015, 3, 1))
                issued = date(self.y - 5, 6 + index % 6, 1)
                services.certificate_record_existing(
                    actor=self.actor, officer=officer, number=self.number(), issued_on=issued
                )
            self.staff[name] = officers
            count += len(officers) + unit_plan.old_certificates
        return count

    # -- exams -------------------------------------------------------------------------

    def exams(self) -> tuple[int, int]:
        y = self.y
        first = services.sitting_create(
            actor=self.actor,
            unit=self.bureau,
            name=f"{y}年度湖南省第一次行政执法考试",
            held_on=date(y, 8, 30),
        )
        second = services.sitting_create(
            actor=self.actor,
            unit=self.bureau,
            name=f"{y}年度湖南省第二次行政执法考试",
            held_on=date(y, 10, 26),
        )
        first_passed, second_passed, retakes = [], [], []
        for name, unit_plan in self.plan.units.items():
            unit = self.units[name]
            for index in range(unit_plan.first_sitting):
                officer = self.officer(
                    unit, date(y, 3 + index % 4, 1), born=self.rng.randrange(1990, 2002)
                )
                reg = services.exam_register(
                    actor=self.actor,
                    sitting=first,
                    officer=officer,
                    reason=RegistrationReason.NEW_STAFF,
                    on=date(y, 7, 20),
                )
                failed = index < unit_plan.first_failed
                services.exam_result_record(
                    actor=self.actor,
                    registration=reg,
                    passed=not failed,
                    score=Decimal(
                        self.rng.randrange(40, 60) if failed else self.rng.randrange(60, 96)
                    ),
                    on=date(y, 9, 3),
                )
                (retakes if failed else first_passed).append(
                    (officer, reg, index < unit_plan.retake_failed)
                )
            for index in range(unit_plan.second_sitting):
                officer = self.officer(
                    unit, date(y, 7 + index % 3, 1), born=self.rng.randrange(1990, 2002)
                )
                reg = services.exam_register(
                    actor=self.actor,
                    sitting=second,
                    officer=officer,
                    reason=RegistrationReason.NEW_STAFF,
                    on=date(y, 9, 25),
                )
                services.exam_result_record(
                    actor=self.actor,
                    registration=reg,
                    passed=True,
                    score=Decimal(self.rng.randrange(60, 96)),
                    on=date(y, 11, 5),
                )
                second_passed.append((officer, reg))
        for officer, _first_reg, fails_again in retakes:
            reg = services.exam_register(
                actor=self.actor,
                sitting=second,
                officer=officer,
                reason=RegistrationReason.FAILED_BEFORE,
                on=date(y, 9, 25),
            )
            services.exam_result_record(
                actor=self.actor,
                registration=reg,
                passed=not fails_again,
                score=Decimal(
                    self.rng.randrange(40, 60) if fails_again else self.rng.randrange(60, 90)
                ),
                on=date(y, 11, 5),
            )
            if not fails_again:
                second_passed.append((officer, reg))
        if self.plan.certificates:
            self._certificates(first_passed, second_passed)
        return len(first_passed), len(second_passed)

    def _certificates(self, first_passed, second_passed) -> None:
        """逐级上报: the first sitting's passes go up in September and come back in November;
        the second's go up in November (numbers not back by year end)."""
        y = self.y
        batch = services.batch_create(
            actor=self.actor, unit=self.bureau, title=f"{y}年第一批执法证申领"
        )
        applied = [
            services.certificate_apply(
                actor=self.actor, officer=o, exam=r, batch=batch, on=date(y, 9, 8)
            )
            for o, r, _ in first_passed
        ]
        services.batch_send(actor=self.actor, batch=batch, on=date(y, 9, 12))
        for certificate in applied:
            services.certificate_issue(
                actor=self.actor, certificate=certificate, number=self.number(), on=date(y, 11, 15)
            )
        services.batch_mark_returned(actor=self.actor, batch=batch, on=date(y, 11, 15))
        second = services.batch_create(
            actor=self.actor, unit=self.bureau, title=f"{y}年第二批执法证申领"
        )
        for officer, reg in second_passed:
            services.certificate_apply(
                actor=self.actor, officer=officer, exam=reg, batch=second, on=date(y, 11, 20)
            )
        services.batch_send(actor=self.actor, batch=second, on=date(y, 11, 25))

    # -- removal (清理) ---------------------------------------------------------------------

    def removals(self) -> int:
        y = self.y
        campaign = services.removal_campaign_create(
            actor=self.actor,
            unit=self.bureau,
            title=f"{y}年度不在编不在岗行政执法人员清理",
            started_on=date(y, 11, 1),
        )
        removed = 0
        for name, unit_plan in self.plan.units.items():
            pool = list(reversed(self.staff[name]))
            for _ in range(unit_plan.off_roll):
                officer = pool.pop()
                services.officer_mark_off_roll(
                    actor=self.actor,
                    officer=officer,
                    on=date(y, 10, 8),
                    note="长期借调、不在执法岗位",
                )
                services.officer_remove(
                    actor=self.actor,
                    campaign=campaign,
                    officer=officer,
                    reason=RemovalReason.OFF_ROLL,
                    on=date(y, 11, 25),
                )
                removed += 1
            for _ in range(unit_plan.left):
                officer = pool.pop()
                services.officer_leave(
                    actor=self.actor, officer=officer, on=date(y, 9, 30), note="调离"
                )
                services.officer_remove(
                    actor=self.actor,
                    campaign=campaign,
                    officer=officer,
                    reason=RemovalReason.LEFT,
                    on=date(y, 11, 25),
                )
                removed += 1
            expired = Officer.objects.filter(
                unit=self.units[name],
                certificates__valid_until__lt=date(y, 11, 25),
                certificates__state="valid",
            ).distinct()[: unit_plan.expired_removed]
            for officer in expired:
                services.officer_remove(
                    actor=self.actor,
                    campaign=campaign,
                    officer=officer,
                    reason=RemovalReason.EXPIRED,
                    on=date(y, 11, 25),
                )
                removed += 1
            self.staff[name] = list(reversed(pool))
        return removed

    # -- the ledger ------------------------------------------------------------------------

    def ledger(self) -> int:
        count = 0
        for name, unit_plan in self.plan.units.items():
            unit = self.units[name]
            crew = self.staff[name]
            defects = dict(zip(DEFECT_SLOTS, unit_plan.defects, strict=False))
            for index in range(unit_plan.cases):
                count += 1
                self._case(unit, crew, index, defects.get(index, ""))
        return count

    def _case(self, unit: Unit, crew: list[Officer], index: int, defect: str) -> None:
        y = self.y
        penalty = index % 3 != 2
        kind = CaseType.PENALTY if penalty else CaseType.LICENCE
        procedure = Procedure.SUMMARY if penalty and index % 5 == 4 else Procedure.ORDINARY
        filed = date(y - 1, 9, 5) + timedelta(days=(index * 37 + unit.pk * 11) % 300)
        decided = filed + timedelta(days=20 + (index * 7) % 50)
        facts = {
            "case_number": f"{unit.short_name or unit.name[:4]}{'罚' if penalty else '许'}"
            f"〔{filed.year}〕{(y % 100) * 1000 + index + 1}号",
            "case_type": kind,
            "procedure": procedure,
            "subject": self.rng.choice(SUBJECTS[kind]),
            "party_kind": self.rng.choice(PartyKind.values),
            "filed_on": filed,
            "notice_served_on": decided - timedelta(days=10) if penalty else None,
            "statement": StatementKind.STATEMENT if penalty else StatementKind.NONE,
            "decided_on": decided,
            "served_on": decided + timedelta(days=2),
            "closed_on": decided + timedelta(days=15),
        }
        officers = [crew[index % len(crew)], crew[(index + 1) % len(crew)]]
        if defect == "one_officer":
            officers = officers[:1]
        elif defect == "no_notice":
            facts["notice_served_on"] = None
        elif defect == "late_decision":
            facts["decided_on"] = filed + timedelta(days=104)
            facts["notice_served_on"] = filed + timedelta(days=90)
            facts["served_on"] = facts["decided_on"] + timedelta(days=2)
            facts["closed_on"] = facts["decided_on"] + timedelta(days=10)
        elif defect == "spring_festival":
            # decided Wed 2024-02-07; 7 working days end 2024-02-22 (春节 2/10–2/17): served 2/26
            facts.update(
                filed_on=date(2024, 1, 8),
                notice_served_on=date(2024, 1, 25),
                decided_on=date(2024, 2, 7),
                served_on=date(2024, 2, 26),
                closed_on=date(2024, 3, 8),
            )
        elif defect == "no_legal_review":
            facts["legal_review_required"] = True
        elif defect == "reviewed":
            facts["legal_review_required"] = True
            facts["legal_review_on"] = decided - timedelta(days=3)
        services.case_register(actor=self.actor, unit=unit, officers=officers, **facts)

    # -- training ----------------------------------------------------------------------

    def second_training_targets(self, district) -> list[tuple[Unit, Decimal, str]]:
        """复议诉讼率较高的单位: per unit, (复议被申请件数 + 诉讼败诉件数) per 100 cases the unit
        closed in the year, read from the reconsideration and litigation registers through the
        indicator backbone (their compliance findings by respondent and defendant)."""
        findings = findings_for(division_or_unit=district, year=self.y)
        counts: dict = {}
        for finding in findings:
            if finding.unit is None:
                continue
            if finding.check == "reconsideration.respondents_corrected":
                counts.setdefault(finding.unit, [0, 0])[0] += int(
                    finding.figures.get("received", 0)
                )
            elif finding.check == "litigation.judgments_lost":
                counts.setdefault(finding.unit, [0, 0])[1] += int(finding.figures.get("lost", 0))
        rows = []
        for unit, (reconsidered, lost) in counts.items():
            closed = unit_cases_closed(unit, self.y)
            rate = Decimal(100 * (reconsidered + lost)) / max(closed, 1)
            rows.append(
                (
                    unit,
                    rate.quantize(Decimal("0.1")),
                    f"{unit.name}：被申请复议{reconsidered}件、诉讼败诉{lost}件，全年办结执法案件{closed}件",
                )
            )
        rows.sort(key=lambda row: (-row[1], row[0].name))
        return rows[: self.plan.second_training_units]

    def trainings(self, district) -> tuple[int, int]:
        y = self.y
        targets = self.second_training_targets(district)
        target_names = [unit.name for unit, _rate, _text in targets]
        # 第一期: the whole district; the second session's units send officers who came to the first.
        first_people: list[Officer] = []
        for name in target_names:
            first_people += self.staff.get(name, [])[:3]
        others = [
            o for name in self.plan.units for o in self.staff[name][3:6] if name not in target_names
        ]
        others += [
            o for name in self.plan.units for o in self.staff[name][:3] if name not in target_names
        ]
        for officer in others:
            if len(first_people) >= self.plan.training_first:
                break
            if officer not in first_people:
                first_people.append(officer)
        first = services.training_session_create(
            actor=self.actor,
            unit=self.bureau,
            title=self.plan.notes.get("first_title", f"{y}年行政执法大讲堂（第一期）"),
            held_on=date(y, 5, 31),
            topic="行政执法部门职权职责争议解析",
            hours=Decimal("3"),
        )
        services.attendance_record(actor=self.actor, session=first, officers=first_people)
        note = "；".join(f"{text}，每百件{rate}件" for _u, rate, text in targets)
        second = services.training_session_create(
            actor=self.actor,
            unit=self.bureau,
            title=self.plan.notes.get("second_title", f"{y}年行政执法大讲堂（第二期）"),
            held_on=date(y, 9, 26),
            topic="《中华人民共和国行政复议法》《中华人民共和国行政处罚法》解读",
            hours=Decimal("3"),
            target_units=[unit for unit, _r, _t in targets],
            selection_note=f"按{y}年复议诉讼率（被申请复议及诉讼败诉件数÷本单位办结执法案件数）从高到低选定：{note}",
        )
        second_people = [o for o in first_people if o.unit.name in target_names]
        services.attendance_record(actor=self.actor, session=second, officers=second_people)
        return len(first_people), len(second_people)

    # -- the case-file review ------------------------------------------------------------

    def review(self) -> tuple[int, int]:
        y = self.y
        campaign = services.campaign_create(
            actor=self.actor,
            unit=self.bureau,
            title=f"{y}年行政执法案卷评查",
            held_on=date(y, 12, 10),
            window_start=date(y - 1, 9, 1),
            window_end=date(y, 8, 31),
            units=[self.units[name] for name in self.plan.review_units],
            seed=self.plan.seed or f"{y}1210",
            sample_size=self.plan.sample_size,
        )
        campaign = services.campaign_draw(actor=self.actor, campaign=campaign)
        scored = 0
        failing_units = set()
        for sheet in campaign.sheets.select_related("unit", "case").order_by(
            "unit__name", "draw_order"
        ):
            if sheet.unit.name in self.plan.leave_pending:
                continue
            for position, deduction in enumerate(
                sheet.deductions.filter(state=DeductionState.PROPOSED)
            ):
                if position == 0 and deduction.auto_check == "officers" and sheet.draw_order == 2:
                    services.deduction_override(
                        actor=self.actor,
                        deduction=deduction,
                        on=date(y, 12, 12),
                        reason="卷内询问笔录显示另有一名持证执法人员参与调查，台账漏登",
                    )
                else:
                    services.deduction_confirm(
                        actor=self.actor, deduction=deduction, on=date(y, 12, 12)
                    )
            sheet = services.sheet_score(actor=self.actor, sheet=sheet, on=date(y, 12, 13))
            scored += 1
            if sheet.grade == Grade.FAIL:
                failing_units.add(sheet.unit)
        for unit in sorted(failing_units, key=lambda u: u.name):
            services.notice_issue(
                actor=self.actor,
                campaign=campaign,
                unit=unit,
                issued_on=date(y, 12, 20),
                content="对评查不合格案卷逐件整改，补正执法程序，完善案卷材料，并反馈整改情况。",
            )
        return campaign.sheets.count(), scored


def unit_cases_closed(unit: Unit, year: int) -> int:
    return EnforcementCase.objects.filter(unit=unit, closed_on__year=year).count()
