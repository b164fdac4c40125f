"""Demo step: people's mediation in 2024, through the services.

The seed report states that the district's medical-dispute mediation centre mediated 21
medical disputes, all 21 successfully, involving 304.62万元; and that village mediators work
under 以案定补. The 21 disputes below sum to exactly that amount.

ILLUSTRATIVE: the committees of the villages and communities, mediators, parties (identity
numbers with valid check digits, made up), amounts of each dispute, dates, types and outcomes
of the village disputes, the subsidy rates.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from stdnum.cn import ric

from fazhi.core.models import Role, UnitKind, User
from fazhi.core.plugins import demo_step
from fazhi.mediation import services
from fazhi.mediation.models import Committee, Dispute

YEAR = 2024
SEED = 20240618
MEDICAL_DISPUTES = 21
MEDICAL_AMOUNT_HUNDREDTHS = 30462  # 304.62万元, in hundredths of 万元
HOSPITALS = ["蒸湘区人民医院", "蒸湘区妇幼保健院", "红湘街道社区卫生服务中心", "雨母山镇卫生院"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
VILLAGE_TYPES = [
    ("neighbour", 5),
    ("family", 4),
    ("housing", 3),
    ("land", 2),
    ("damage", 2),
    ("contract", 1),
    ("labour", 1),
    ("property_mgmt", 1),
]


def _person(rng: random.Random, n: int, village: str = "") -> dict:
    birth = date(rng.randrange(1950, 2000), 1, 1) + timedelta(days=rng.randrange(365))
    body = f"430408{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return {
        "name": rng.choice(SURNAMES) + rng.choice("某甲乙丙") + rng.choice("华明英军芳"),
        "id_number": body + ric.calc_check_digit(body + "0"),
        "phone": f"1{rng.choice('35789')}{rng.randrange(10**9):09d}",
        "address": f"衡阳市蒸湘区{village or '蒸湘街道'}{rng.randrange(1, 12)}组{n + 100}号",
    }


def _amounts(rng: random.Random) -> list[Decimal]:
    """21 amounts of at least 1万元 adding up to the seed's 304.62万元."""
    cuts = sorted(rng.sample(range(1, MEDICAL_AMOUNT_HUNDREDTHS // 100 - 1), MEDICAL_DISPUTES - 1))
    parts = [
        b - a for a, b in zip([0, *cuts], [*cuts, MEDICAL_AMOUNT_HUNDREDTHS // 100], strict=True)
    ]
    hundredths = [p * 100 for p in parts]
    hundredths[-1] += MEDICAL_AMOUNT_HUNDREDTHS - sum(hundredths)
    return [Decimal(h) / 100 for h in hundredths]


def _agree(actor, dispute, day: date, amount: Decimal | None, rng, written: bool = True):
    signed = day + timedelta(days=rng.randrange(0, 2))
    return services.dispute_agree(
        actor=actor,
        dispute=dispute,
        agreement_kind="written" if written else "oral",
        facts_and_responsibility="经调查，双方对事实无异议，责任划分见协议",
        agreed_terms="双方自愿达成协议，一方一次性支付赔偿款"
        if amount
        else "双方互谅互让，恢复正常往来",
        performance_method="银行转账" if amount else "当场履行",
        performance_due_on=signed + timedelta(days=30),
        parties_signed_on=signed if written else None,
        mediator_signed_on=signed if written else None,
        committee_sealed_on=signed if written else None,
        agreed_on=None if written else signed,
        agreed_amount=amount,
    )


def _medical(rng, actor, bureau) -> None:
    committee = services.committee_register(
        actor=actor,
        name="蒸湘区医疗纠纷人民调解委员会",
        kind="industry",
        field="medical",
        established_on=date(2016, 5, 1),
        unit=bureau,
    )
    mediators = [
        services.mediator_register(
            actor=actor,
            committee=committee,
            name=name,
            gender=gender,
            qualification="full_time",
            trained_hours=40,
            last_trained_on=date(YEAR, 4, 18),
        )
        for name, gender in (("廖建华", "male"), ("曾丽萍", "female"), ("谭卫东", "male"))
    ]
    for difficulty, amount in (("simple", "300"), ("ordinary", "600"), ("complex", "1200")):
        services.subsidy_rate_set(
            actor=actor,
            difficulty=difficulty,
            amount=Decimal(amount),
            effective_from=date(2023, 1, 1),
            unit=bureau,
        )
    days = sorted(
        date(YEAR, 1, 8) + timedelta(days=rng.randrange(330)) for _ in range(MEDICAL_DISPUTES)
    )
    for n, (received, amount) in enumerate(zip(days, _amounts(rng), strict=True)):
        dispute = services.dispute_register(
            actor=actor,
            committee=committee,
            dispute_type="medical",
            source=rng.choice(("application", "application", "petition", "police")),
            summary="患方对诊疗过程有异议，要求赔偿",
            received_on=received,
            amount=amount,
            mediator=rng.choice(mediators),
            difficulty="complex" if amount > 20 else "ordinary",
            parties=[
                {"role": "applicant", **_person(rng, n), "consent": "consented"},
                {
                    "role": "respondent",
                    "name": rng.choice(HOSPITALS),
                    "is_person": False,
                    "consent": "consented",
                },
            ],
        )
        start = received + timedelta(days=rng.randrange(1, 4))
        dispute = services.dispute_start(actor=actor, dispute=dispute, on=start)
        services.session_record(
            actor=actor, dispute=dispute, held_on=start, record="听取双方陈述，释法析理，组织协商"
        )
        dispute = _agree(actor, dispute, start + timedelta(days=rng.randrange(3, 15)), amount, rng)
        if rng.random() < 0.3:
            services.dispute_apply_confirmation(
                actor=actor,
                dispute=dispute,
                on=dispute.effective_on + timedelta(days=rng.randrange(1, 20)),
                court="衡阳市蒸湘区人民法院",
            )


def _villages(rng, actor, context) -> int:
    villages = [
        u for u in context["units"].values() if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)
    ]
    count = 0
    for index, village in enumerate(villages):
        committee = services.committee_register(
            actor=actor, name=f"{village.name}人民调解委员会", kind="village", unit=village
        )
        mediator = services.mediator_register(
            actor=actor,
            committee=committee,
            name=rng.choice(SURNAMES) + "调解员",
            gender=rng.choice(("male", "female")),
            qualification="part_time",
            trained_hours=rng.choice((8, 12, 16)),
        )
        for _ in range(rng.choice((0, 1, 1, 2))):
            count += 1
            received = date(YEAR, 1, 5) + timedelta(days=rng.randrange(340))
            kind = rng.choices(*zip(*VILLAGE_TYPES, strict=True))[0]
            refusing = rng.random() < 0.05
            dispute = services.dispute_register(
                actor=actor,
                committee=committee,
                dispute_type=kind,
                source=rng.choice(("application", "initiative", "petition")),
                summary="村民之间纠纷，请求调解",
                received_on=received,
                amount=Decimal(rng.choice((0, 0, 1, 2, 5))) / 10,
                mediator=mediator,
                difficulty="simple",
                parties=[
                    {
                        "role": "applicant",
                        **_person(rng, index * 10 + count, village.name),
                        "consent": "consented",
                    },
                    {
                        "role": "respondent",
                        **_person(rng, index * 10 + count + 5, village.name),
                        "consent": "refused" if refusing else "consented",
                    },
                ],
            )
            if refusing:
                services.dispute_decline(actor=actor, dispute=dispute, on=received)
                continue
            dispute = services.dispute_start(actor=actor, dispute=dispute, on=received)
            end = received + timedelta(days=rng.randrange(1, 20))
            if rng.random() < 0.12:
                services.dispute_fail(
                    actor=actor,
                    dispute=dispute,
                    on=end,
                    notice="已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。",
                )
            else:
                _agree(actor, dispute, end, dispute.amount or None, rng, written=rng.random() < 0.6)
    return count


@demo_step()
def load_mediation(context: dict) -> str:
    """The medical-dispute committee's 21 disputes and the villages' mediation (idempotent)."""
    bureau = next(u for u in context["units"].values() if u.is_justice_bureau)
    actor = (
        User.objects.filter(roles__contains=[Role.OFFICE_STAFF], is_active=True)
        .order_by("pk")
        .first()
    )
    if actor is None:
        return "人民调解：没有依法治区办账号，跳过"
    if not Committee.objects.filter(unit=bureau, field="medical").exists():
        rng = random.Random(SEED)  # noqa: S311 - reproducible demo data
        with transaction.atomic():
            _medical(rng, actor, bureau)
            _villages(rng, actor, context)
    disputes = Dispute.objects.filter(year=YEAR).count()
    return f"人民调解：{YEAR} 年受理纠纷 {disputes} 起（医疗纠纷 {MEDICAL_DISPUTES} 起）"
