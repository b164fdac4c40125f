"""Demo step: the district's legal aid centre in 2024, through the services.

The seed report states 430 cases (213 criminal, 82 法律帮助, 135 civil), 482 visit and 510
phone consultations. Every case below is registered and moved by `fazhi.legal_aid.services`
(numbers, clocks, guards, timeline are the real ones) and the indicators count the records.

ILLUSTRATIVE: applicants, identity numbers (valid check digits, made up), phones, addresses,
dates, matters, stages, providers, the split of notifications and applications, the refused
and undecided applications (not counted as 受理), closings, quality checks and subsidy rates.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from stdnum.cn import ric

from fazhi.core.models import Unit
from fazhi.core.plugins import demo_account, demo_step
from fazhi.legal_aid import services
from fazhi.legal_aid.models import AidCase, Category, CriminalStage

YEAR = 2024
SEED = 20240513
# The seed's totals (seed report 一(五)): the indicators must count exactly these.
CRIMINAL, LEGAL_HELP, CIVIL = 213, 82, 135
CRIMINAL_APPLICATIONS = 48  # ILLUSTRATIVE: the rest of the criminal cases were notified
VISITS, CALLS = 482, 510
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志强海燕春生"
STREETS = ["船山大道", "蒸湘北路", "红湘路", "解放大道", "长丰大道", "华新大道", "雨母山路"]
CIVIL_MATTERS = [
    ("labour", 40),
    ("work_injury", 18),
    ("maintenance", 20),
    ("traffic", 16),
    ("social_insurance", 8),
    ("domestic_violence", 10),
    ("medical", 6),
    ("state_compensation", 2),
    ("other", 15),
]
PROVIDERS = [
    ("lawyer", "湖南湘衡律师事务所"),
    ("lawyer", "湖南雁城律师事务所"),
    ("lawyer", "湖南蒸湘律师事务所"),
    ("grassroots", "蒸湘区红湘法律服务所"),
]
DUTY_LAWYERS = ["值班律师周", "值班律师唐", "值班律师邓"]
RATES = [
    (Category.CRIMINAL, "", "1500"),
    (Category.CRIMINAL, CriminalStage.TRIAL, "2000"),
    (Category.CIVIL, "", "2000"),
    (Category.ADMINISTRATIVE, "", "2000"),
    (Category.LEGAL_HELP, "", "300"),
]


def justice_bureau(context: dict) -> Unit:
    return next(u for u in context["units"].values() if u.is_justice_bureau)


def person_id(rng: random.Random, birth_year: int) -> str:
    birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
    body = f"430408{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('35789')}{rng.randrange(10**9):09d}"


def address(rng: random.Random, n: int) -> str:
    return f"衡阳市蒸湘区{rng.choice(STREETS)}{n + 11}号{rng.randrange(1, 30)}栋{rng.randrange(101, 1800)}室"


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _dates(rng: random.Random, count: int, last: date) -> list[date]:
    start = date(YEAR, 1, 2)
    span = (last - start).days
    return sorted(start + timedelta(days=rng.randrange(span)) for _ in range(count))


class _Loader:
    def __init__(self, rng, officer):
        self.rng = rng
        self.officer = officer
        self.n = 0

    def applicant(self, birth_from=1950, birth_to=2000) -> dict:
        self.n += 1
        return {
            "applicant_name": name(self.rng),
            "applicant_gender": self.rng.choice(("male", "female")),
            "applicant_id_number": person_id(self.rng, self.rng.randrange(birth_from, birth_to)),
            "applicant_phone": phone(self.rng),
            "applicant_address": address(self.rng, self.n),
        }

    def assign_and_close(self, case, on: date, *, duty: bool = False) -> AidCase:
        rng = self.rng
        if duty:
            kind, provider, org = "duty_lawyer", rng.choice(DUTY_LAWYERS), "蒸湘区法律援助工作站"
        else:
            kind, org = rng.choice(PROVIDERS)
            provider = name(rng) + ("律师" if kind == "lawyer" else "")
        case = services.case_assign(
            actor=self.officer,
            case=case,
            on=on,
            provider_kind=kind,
            provider_name=provider,
            provider_org=org,
        )
        if on.month >= 9 or rng.random() < 0.6:
            return case  # still being handled (or closed outside this demo's scope)
        if rng.random() < 0.15:
            services.quality_check_record(
                actor=self.officer,
                case=case,
                kind=rng.choice(("court_attendance", "file_check", "client_callback")),
                checked_on=on + timedelta(days=rng.randrange(10, 40)),
                passed=True,
            )
        return services.case_close(
            actor=self.officer,
            case=case,
            on=on + timedelta(days=rng.randrange(20, 50)),
            result="help_given" if duty else rng.choice(("judgment", "mediated", "settled")),
            report="承办人提交结案报告，案卷材料齐全。",
            documents_submitted=True,
        )

    def notification(self, received: date, category: str) -> None:
        rng = self.rng
        stage = _weighted(
            rng,
            [("trial", 5), ("prosecution", 4), ("investigation", 1)]
            if category == Category.CRIMINAL
            else [("prosecution", 7), ("trial", 2), ("investigation", 1)],
        )
        organ = {"trial": "court", "prosecution": "procuratorate", "investigation": "police"}[stage]
        person = self.applicant(1960, 2004)
        case = services.case_register(
            actor=self.officer,
            origin="notification",
            channel="notification",
            notifying_organ=organ,
            organ_found_on=received - timedelta(days=rng.randrange(0, 3)),
            category=category,
            criminal_stage=stage,
            matter="criminal_defence",
            summary="办案机关通知指派律师"
            if category == Category.CRIMINAL
            else "认罪认罚案件值班律师法律帮助",
            received_on=received,
            **person,
        )
        self.assign_and_close(
            case, received + timedelta(days=rng.randrange(0, 2)), duty=category != Category.CRIMINAL
        )

    def application(self, received: date, category: str, matter: str, *, outcome="grant") -> None:
        rng = self.rng
        exempt = matter in ("labour", "work_injury") and rng.random() < 0.5
        stage = rng.choice(("trial", "prosecution")) if category == Category.CRIMINAL else ""
        channel = (
            "detention"
            if category == Category.CRIMINAL and rng.random() < 0.5
            else rng.choice(("visit", "visit", "phone", "online"))
        )
        case = services.case_register(
            actor=self.officer,
            origin="application",
            channel=channel,
            detention_submitted_on=received - timedelta(days=1) if channel == "detention" else None,
            category=category,
            criminal_stage=stage,
            matter=matter,
            summary="申请法律援助",
            received_on=received,
            means_test="exempt" if exempt else "passed",
            exemption_reason="migrant_worker" if exempt else "",
            **self.applicant(),
        )
        if outcome == "pending":
            return
        if rng.random() < 0.1:
            case = services.case_request_correction(
                actor=self.officer, case=case, on=received + timedelta(days=1), items="收入状况证明"
            )
            case = services.case_complete(
                actor=self.officer, case=case, on=received + timedelta(days=3)
            )
        decided = received + timedelta(days=rng.randrange(1, 5))
        if outcome == "refuse":
            services.case_refuse(
                actor=self.officer,
                case=case,
                on=decided,
                reason="申请人家庭人均收入高于本地经济困难标准，不符合法律援助条件。",
            )
            return
        case = services.case_grant(actor=self.officer, case=case, on=decided)
        self.assign_and_close(case, decided + timedelta(days=rng.randrange(0, 3)))


def _consultations(rng: random.Random, officer) -> None:
    """Daily tallies for most days, a few one-line fast entries (all through the services)."""
    for channel, total, fast in (("visit", VISITS, 8), ("phone", CALLS, 8)):
        days = sorted(set(_dates(rng, 60, date(YEAR, 12, 27))))
        shares = [1] * len(days)
        for _ in range(total - fast - len(days)):
            shares[rng.randrange(len(days))] += 1
        for day, persons in zip(days, shares, strict=True):
            services.consultation_tally_record(
                actor=officer, consulted_on=day, channel=channel, persons=persons
            )
        for day in _dates(rng, fast, date(YEAR, 12, 27)):
            services.consultation_record(
                actor=officer,
                consulted_on=day,
                channel=channel,
                topic=_weighted(rng, CIVIL_MATTERS),
                summary="咨询劳动报酬、赡养等问题",
                referral=rng.choice(("none", "apply", "mediation")),
            )


@demo_step()
def load_legal_aid(context: dict) -> str:
    """Create the centre's 2024 caseload once (idempotent: skipped when 2024 cases exist)."""
    bureau = justice_bureau(context)
    officer = demo_account(
        context, "legalaid", unit=bureau, full_name="彭慧", title="法律援助中心主任"
    )
    if not AidCase.objects.filter(unit=bureau, year=YEAR).exists():
        rng = random.Random(SEED)  # noqa: S311 - reproducible demo data
        loader = _Loader(rng, officer)
        with transaction.atomic():
            for category, stage, amount in RATES:
                services.subsidy_rate_set(
                    actor=officer,
                    category=category,
                    criminal_stage=stage,
                    amount=Decimal(amount),
                    effective_from=date(2023, 1, 1),
                )
            plans = (
                [
                    (d, "notify", Category.CRIMINAL, "")
                    for d in _dates(rng, CRIMINAL - CRIMINAL_APPLICATIONS, date(YEAR, 12, 20))
                ]
                + [
                    (d, "notify", Category.LEGAL_HELP, "")
                    for d in _dates(rng, LEGAL_HELP, date(YEAR, 12, 20))
                ]
                + [
                    (d, "apply", Category.CRIMINAL, "criminal_defence")
                    for d in _dates(rng, CRIMINAL_APPLICATIONS, date(YEAR, 12, 10))
                ]
                + [(d, "apply", Category.CIVIL, "") for d in _dates(rng, CIVIL, date(YEAR, 12, 10))]
            )
            for received, how, category, matter in sorted(plans, key=lambda p: p[0]):
                if how == "notify":
                    loader.notification(received, category)
                else:
                    loader.application(received, category, matter or _weighted(rng, CIVIL_MATTERS))
            for received in (date(YEAR, 3, 11), date(YEAR, 6, 17), date(YEAR, 9, 9)):
                loader.application(received, Category.CIVIL, "other", outcome="refuse")
            loader.application(date(YEAR, 12, 30), Category.CIVIL, "labour", outcome="pending")
            _consultations(rng, officer)
    cases = AidCase.objects.filter(unit=bureau, year=YEAR).count()
    return f"法律援助：{YEAR} 年登记 {cases} 件（含不予援助和待审查），咨询按日汇总与逐条登记"
