"""Demo step: community corrections in 2024, through the services.

The seed report states that 60 subjects attended the 创业技能培训 class and 48 graduated; that a
staff member won a third prize in the case-analysis event of the province's skills
competition; and that the cross-review of case files received 60 files, none failing.

ILLUSTRATIVE: the 60 subjects (names, identity numbers with valid check digits, phones,
addresses, crimes, categories, dates, all made up), their teams, the leave approvals, the loss
of contact, the releases, and the competition's participant.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from stdnum.cn import ric

from fazhi.core.models import User
from fazhi.core.plugins import demo_account, demo_step
from fazhi.core.sensitivity import Sensitivity
from fazhi.corrections import services
from fazhi.corrections.models import Subject, TrainingClass

YEAR = 2024
SEED = 20240301
SUBJECTS = 60  # seed: 60 in the training class, 60 files cross-reviewed
GRADUATES = 48
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志强海燕春生"
CRIMES = [
    "危险驾驶罪",
    "盗窃罪",
    "诈骗罪",
    "故意伤害罪",
    "交通肇事罪",
    "开设赌场罪",
    "非法吸收公众存款罪",
]
KINDS = [("probation", 8), ("parole", 1), ("control", 1)]
ROADS = ["长湖路", "西湖路", "立新大道", "幸福路", "蒸水路", "华新路"]


def _account(context: dict, unit) -> User:
    return demo_account(
        context,
        "corrections",
        unit=unit,
        full_name="蒋立新",
        title="社区矫正管理局科员",
        clearances=[Sensitivity.SENSITIVE, Sensitivity.MINOR],
    )


def _subject(rng: random.Random, officer, n: int) -> Subject:
    birth = date(rng.randrange(1965, 2000), 1, 1) + timedelta(days=rng.randrange(365))
    body = f"430408{birth:%Y%m%d}{rng.randrange(1000):03d}"
    effective = date(2023, 9, 1) + timedelta(days=rng.randrange(200))
    term = rng.choice((12, 18, 24, 36))
    gender = "female" if rng.random() < 0.2 else "male"
    subject = services.subject_register(
        actor=officer,
        name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)),
        gender=gender,
        id_number=body + ric.calc_check_digit(body + "0"),
        phone=f"1{rng.choice('35789')}{rng.randrange(10**9):09d}",
        address=f"衡阳市蒸湘区{rng.choice(ROADS)}{n + 200}号{rng.randrange(1, 9)}单元",
        crime=rng.choice(CRIMES),
        sentence_kind=rng.choices(*zip(*KINDS, strict=True))[0],
        deciding_organ="衡阳市蒸湘区人民法院",
        effective_on=effective,
        notified_on=effective + timedelta(days=rng.randrange(1, 4)),
        documents_received_on=effective + timedelta(days=rng.randrange(3, 8)),
        term_start=effective,
        term_end=effective + timedelta(days=30 * term),
    )
    reported = effective + timedelta(days=rng.randrange(1, 8))
    subject = services.subject_report_in(actor=officer, subject=subject, on=reported)
    subject = services.subject_receive(
        actor=officer,
        subject=subject,
        on=reported,
        **dict.fromkeys(
            ("documents_checked", "identity_verified", "registered", "file_opened", "announced"),
            True,
        ),
    )
    members = [
        {"name": "司法所" + rng.choice(SURNAMES) + "所长", "gender": "male", "role": "staff"},
        {
            "name": rng.choice(SURNAMES) + "社工",
            "gender": "female" if gender == "female" else "male",
            "role": "social_worker",
        },
        {"name": "家属", "gender": rng.choice(("male", "female")), "role": "family"},
    ]
    services.team_set(
        actor=officer,
        subject=subject,
        members=members,
        plan="每月报告一次，每季度走访一次，参加教育学习和公益活动",
        on=reported,
    )
    return subject


@demo_step()
def load_corrections(context: dict) -> str:
    bureau = next(u for u in context["units"].values() if u.is_justice_bureau)
    officer = _account(context, bureau)
    if not TrainingClass.objects.filter(unit=bureau, started_on__year=YEAR).exists():
        rng = random.Random(SEED)  # noqa: S311 - reproducible demo data
        with transaction.atomic():
            subjects = [_subject(rng, officer, n) for n in range(SUBJECTS)]
            training = services.training_open(
                actor=officer,
                name="社区矫正对象创业技能培训班",
                kind="entrepreneurship",
                started_on=date(YEAR, 5, 6),
            )
            services.training_enrol(actor=officer, training=training, subjects=subjects)
            services.training_graduate(
                actor=officer,
                training=training,
                subjects=subjects[:GRADUATES],
                on=date(YEAR, 7, 12),
            )
            services.cross_review_record(
                actor=officer,
                name=f"{YEAR}年全市社区矫正案件交叉评查",
                organiser="衡阳市司法局",
                held_on=date(YEAR, 10, 22),
                files=[{"subject": s, "passed": True} for s in subjects],
            )
            services.competition_record(
                actor=officer,
                name=f"{YEAR}年全省社区矫正技能大比武",
                organiser="湖南省社区矫正管理局",
                held_on=date(YEAR, 9, 25),
                entries=[{"participant": "蒋立新", "event": "案例分析", "award": "三等奖"}],
            )
            lost = subjects[3]
            services.contact_lost(
                actor=officer, subject=lost, on=date(YEAR, 8, 5), measures="电话联系家属、走访住所"
            )
            services.contact_regained(actor=officer, subject=lost, on=date(YEAR, 8, 6))
            services.movement_request(
                actor=officer,
                subject=subjects[5],
                kind="leave",
                requested_on=date(YEAR, 4, 1),
                start=date(YEAR, 4, 3),
                end=date(YEAR, 4, 6),
                destination="长沙市",
                reason="探望住院亲属",
            )
            for subject in subjects:
                if subject.term_end <= date(YEAR, 12, 31):
                    services.subject_release(
                        actor=officer, subject=subject, on=subject.term_end, notices_sent=True
                    )
    count = Subject.objects.filter(unit=bureau).count()
    return f"社区矫正：矫正对象 {count} 名，创业培训班、交叉评查、技能比武各 1 次"
