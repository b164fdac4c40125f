"""Demo step: the demo district's enforcement supervision in 2024, through the services.

From the seed report (section 一(四)): two exam sittings (end of August, October) with 271
passes in the district, the passes sent up for certificates (逐级上报), 33 officers removed in
the 清理 of staff no longer 在编在岗, 100 officers at 大讲堂第一期 on 2024-05-31 and a second
session on 2024-09-26 for the units with the highest reconsideration and litigation rates
(computed from those registers through the indicator backbone), and a December 2024 case-file
review of ordinary-procedure licence and penalty cases closed 2023-09-01 … 2024-08-31.

ILLUSTRATIVE: every person, ID number, certificate number, case and score; how the 271 passes,
the 33 removals and the cases spread over the units; which units are short of certified
officers (区统计局, 区医保局) or pass few candidates (区统计局, 区农业农村局), so that problem
四 has units to name. Runs after the reconsideration and litigation demo (order 60).
"""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.core.models import Division, Role, Unit, User
from fazhi.core.plugins import demo_step
from fazhi.enforcement import services
from fazhi.enforcement.models import ExamSitting
from fazhi.enforcement.scenario import Plan, UnitPlan, Year

YEAR = 2024
DISTRICT_CODE = "430408"
JUSTICE_BUREAU = "蒸湘区司法局"
SUPERVISOR = ("zfjd", "刘建军", "执法监督股股长")
TOWNS = ["蒸湘街道", "红湘街道", "呈祥街道", "联合街道", "雨母山镇"]
SHORT = {"蒸湘区统计局": 2, "蒸湘区医疗保障局": 2}
OLD_CERTIFICATES = [
    "蒸湘区发展和改革局",
    "蒸湘区教育局",
    "蒸湘区民政局",
    "蒸湘区财政局",
    "蒸湘区水利局",
]
DEFECTS = {
    "蒸湘区住房和城乡建设局": ("spring_festival", "one_officer"),
    "蒸湘区城市管理和综合执法局": ("late_decision", "no_notice", "no_legal_review"),
    "衡阳市市场监督管理局蒸湘分局": ("no_legal_review", "reviewed", "one_officer"),
    "蒸湘区统计局": ("one_officer", "no_notice"),
    "蒸湘区交通运输局": ("no_notice",),
    "蒸湘区卫生健康局": ("one_officer",),
    "蒸湘区应急管理局": ("late_decision",),
    "蒸湘区农业农村局": ("no_notice", "one_officer"),
}
PENDING = ("蒸湘区城市管理和综合执法局",)


def plan(departments: list[str]) -> Plan:
    """2024: 160 candidates at the first sitting (29 fail), 29 retakes (9 fail again) and 120
    new staff at the second: 131 + 140 = 271 passes; 20 + 8 + 5 = 33 removals."""
    units: dict[str, UnitPlan] = {}
    normal = [d for d in departments if d not in SHORT and d != "蒸湘区农业农村局"]
    for index, name in enumerate(normal):  # 20 departments
        units[name] = UnitPlan(
            staff=8,
            first_sitting=8 if index < 10 else 7,  # 150
            first_failed=2 if index < 2 else 1,  # 22
            retake_failed=1 if index < 4 else 0,  # 4
            second_sitting=4 if index < 9 else 3,  # 69
            off_roll=1,  # 20
            left=1 if index < 8 else 0,  # 8
            cases=8,
        )
    units["蒸湘区农业农村局"] = UnitPlan(
        staff=6, first_sitting=6, first_failed=4, retake_failed=2, cases=8
    )
    units["蒸湘区统计局"] = UnitPlan(
        staff=2, first_sitting=4, first_failed=3, retake_failed=3, cases=8
    )
    units["蒸湘区医疗保障局"] = UnitPlan(staff=2, second_sitting=1, cases=8)
    for name in OLD_CERTIFICATES:
        units[name].old_certificates = 2
        units[name].expired_removed = 1
    for name, defects in DEFECTS.items():
        units[name].defects = defects
    for name in TOWNS:
        units[name] = UnitPlan(staff=6, second_sitting=10, cases=4)
    return Plan(
        year=YEAR,
        units=units,
        review_units=departments,
        seed="20241210",
        leave_pending=PENDING,
        id_prefix=DISTRICT_CODE,
        notes={
            "first_title": "蒸湘区行政执法大讲堂（第一期）",
            "second_title": "蒸湘区行政执法大讲堂（第二期）",
        },
    )


def _supervisor(bureau: Unit, office: User) -> User:
    username, full_name, title = SUPERVISOR
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "title": title,
            "unit": bureau,
            "roles": [Role.CLERK],
            "is_staff": True,
        },
    )
    if created:  # the demo's one password: the office account's (a register imports no demo)
        user.password = office.password
        user.password_changed_at = timezone.now()
        user.save()
    services.supervisor_designate(actor=office, user=user, on=date(YEAR, 1, 2))
    return user


@demo_step(order=60)
def load_enforcement(context: dict | None = None) -> str:
    district = Division.objects.filter(code=DISTRICT_CODE).first()
    bureau = Unit.objects.filter(name=JUSTICE_BUREAU, division=district).first()
    office = User.objects.filter(
        roles__contains=[Role.OFFICE_STAFF], unit__division=district, is_active=True
    ).first()
    if district is None or bureau is None or office is None:
        return "行政执法：演示区没有司法局或依法治区办账号，跳过"
    if ExamSitting.objects.filter(unit=bureau, held_on__year=YEAR).exists():
        return "行政执法：2024 年度数据已存在"
    supervisor = _supervisor(bureau, office)
    enforcement = Unit.objects.filter(division=district, is_enforcement_body=True)
    departments = sorted(enforcement.values_list("name", flat=True))
    units = {u.name: u for u in Unit.objects.filter(division__path__startswith=district.path)}
    year = Year(
        plan(departments),
        supervisor=supervisor,
        bureau=bureau,
        units=units,
        rng=random.Random(2024),  # noqa: S311 - reproducible demo data
    )
    with transaction.atomic():
        staff = year.existing_staff()
        cases = year.ledger()
        first, second = year.trainings(district)
        passed_first, passed_second = year.exams()
        removed = year.removals()
        drawn, scored = year.review()
    return (
        f"行政执法：在册执法人员 {staff} 人，两次考试合格 {passed_first}+{passed_second} 人，"
        f"清理 {removed} 名，大讲堂 {first}/{second} 人，台账案件 {cases} 件，"
        f"案卷评查抽取 {drawn} 卷（已评定 {scored} 卷）；执法监督账号 {SUPERVISOR[0]}"
    )
